/**
 * The JUnit 5 entry point: {@link dev.wgsim.scenario.junit.ScenarioTests} turns scenario files into
 * dynamic tests, one per expectation. Add this artifact ({@code dev.wgsim:scenarios-junit}) to a
 * project's test scope; the framework-free API it builds on ({@code Wgsim.run(path)}) is in
 * {@link dev.wgsim.scenario.testing}.
 */
package dev.wgsim.scenario.junit;
