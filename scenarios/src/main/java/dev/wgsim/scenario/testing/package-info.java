/**
 * Runs scenario files (or YAML built in code) in memory, without a results folder, and checks their
 * events with the expectation vocabulary; failed checks throw {@link java.lang.AssertionError}, so
 * any test framework reports them. The {@code wgsim test} command runs on it; the JUnit 5 dynamic
 * tests are in the separate {@code scenarios-junit} artifact.
 */
package dev.wgsim.scenario.testing;
