/** Typed, read-only view of a results folder as docs/results-format.md defines it. */
package dev.wgsim.reports.results;
