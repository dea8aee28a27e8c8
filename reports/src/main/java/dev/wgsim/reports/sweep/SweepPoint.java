package dev.wgsim.reports.sweep;

/**
 * The runs at one parameter value: mean and a two-sided 95% Student-t confidence interval
 * (equal to the mean when there is a single run: no spread can be estimated).
 */
public record SweepPoint(double parameter, int runs, double mean, double stdDev, double ciLow, double ciHigh) {}
