/** JFreeChart figures built from a results folder, styled alike and written as PNG and SVG. */
package dev.wgsim.reports.charts;
