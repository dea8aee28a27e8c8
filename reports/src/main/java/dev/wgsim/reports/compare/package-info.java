/** Several results folders side by side: a table of summary figures and overlaid charts. */
package dev.wgsim.reports.compare;
