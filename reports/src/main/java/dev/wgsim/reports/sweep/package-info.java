/** Statistics across several runs of one scenario: a summary metric against a parameter, with confidence intervals. */
package dev.wgsim.reports.sweep;
