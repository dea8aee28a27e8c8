/** Durations, rates and sizes written the way people write them ({@code 250ms}, {@code 10Mbit/s}, {@code 64KiB}). */
package dev.wgsim.scenario.units;
