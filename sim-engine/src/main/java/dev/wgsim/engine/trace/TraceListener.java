package dev.wgsim.engine.trace;

/** Receives every trace event emitted while subscribed. */
@FunctionalInterface
public interface TraceListener {

    void onEvent(TraceEvent event);
}
