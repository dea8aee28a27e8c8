/** Turns a wgsim results folder into print-quality charts and a self-contained HTML report. */
package dev.wgsim.reports;
