/** Virtual time: a deterministic discrete-event loop over nanoseconds with safe cancel handles. */
package dev.wgsim.engine.time;
