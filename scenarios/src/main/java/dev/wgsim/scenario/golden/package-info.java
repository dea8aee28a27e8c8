/** Golden traces: a run's WireGuard protocol events stored as events.jsonl lines, compared with later runs to find the first divergence. */
package dev.wgsim.scenario.golden;
