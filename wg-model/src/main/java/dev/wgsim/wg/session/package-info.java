/** Per-session transport state: keypairs, their send counters and the anti-replay window. */
package dev.wgsim.wg.session;
