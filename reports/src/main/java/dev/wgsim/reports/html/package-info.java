/** The self-contained report.html page and the topology picture drawn for it. */
package dev.wgsim.reports.html;
