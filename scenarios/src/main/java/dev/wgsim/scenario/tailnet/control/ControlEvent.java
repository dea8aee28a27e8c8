package dev.wgsim.scenario.tailnet.control;

/** What the coordination server did, for the event log; values, no engine types. */
public sealed interface ControlEvent {
    /** A node logged in (first time or re-authentication) and got its addresses. */
    record Registered(long nodeId, String name, String nodeKey, String addresses, boolean reauth) implements ControlEvent {}

    /** A registration was refused (bad, used or expired pre-auth key). */
    record Refused(String name, String reason) implements ControlEvent {}

    /**
     * A node changed in a way peers must learn (joined, endpoints, key, expiry, removal): the start
     * of a propagation that ends when every peer applied it.
     */
    record Changed(long nodeId, String name, String what) implements ControlEvent {}

    /** A batch of changes went out: how many nodes changed and how many sessions got a delta. */
    record Flushed(int changes, int sessions) implements ControlEvent {}
}
