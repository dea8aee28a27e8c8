/** The JUnit 5 entry point: run a scenario file (or YAML built in code) and assert on its events with the expectation vocabulary. */
package dev.wgsim.scenario.junit;
