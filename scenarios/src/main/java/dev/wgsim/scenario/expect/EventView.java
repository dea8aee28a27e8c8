package dev.wgsim.scenario.expect;

/**
 * One non-per-packet event as expectations read it: a remembered {@link LoggedEvent}, or a trace
 * event seen as the run goes ({@link ExpectationWatch}), materialised only when an expectation
 * keeps it to show as context.
 */
interface EventView {
    long t();

    String kind();

    /** A field's value, or the empty string when the event has none. */
    String field(String key);

    /** The node an event is about: {@code node}, else the NAT or link that emitted it. */
    default String subject() {
        String n = field("node");
        if (!n.isEmpty()) {
            return n;
        }
        n = field("nat");
        return n.isEmpty() ? field("link") : n;
    }

    /** The event as a value that may be kept (the same object for a LoggedEvent). */
    LoggedEvent keep();
}
