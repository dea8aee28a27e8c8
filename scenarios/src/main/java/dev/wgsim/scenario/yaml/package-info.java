/** A thin cursor over SnakeYAML's composed node tree that keeps every value's line, column and field path. */
package dev.wgsim.scenario.yaml;
