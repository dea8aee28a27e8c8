/** Typed trace events, their listeners, and the JSON-lines event log sink. */
package dev.wgsim.engine.trace;
