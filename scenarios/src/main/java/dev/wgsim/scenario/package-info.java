/** Loads a YAML scenario into typed records and runs it: the front door of wgsim. */
package dev.wgsim.scenario;
