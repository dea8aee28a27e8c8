package dev.wgsim.reports.charts;

import org.jfree.chart.JFreeChart;

/**
 * A built chart ready to write.
 *
 * @param stem file name without extension ({@code throughput} gives charts/throughput.png and .svg)
 * @param caption one line for the HTML report
 * @param yUnit multiply a dataset's y values by this to get the base unit (bit/s for throughput; 1 otherwise)
 * @param timeUnitSeconds multiply a dataset's x values by this to get seconds (time-series charts; 1 otherwise)
 */
public record Figure(String stem, String caption, JFreeChart chart, double yUnit, double timeUnitSeconds) {}
