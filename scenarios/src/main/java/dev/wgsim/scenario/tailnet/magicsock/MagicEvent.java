package dev.wgsim.scenario.tailnet.magicsock;

import dev.wgsim.engine.net.Endpoint;

/** What magicsock decided or noticed, for the event log; {@code peer} is the peer's node name. */
public sealed interface MagicEvent {
    /** The path packets to {@code peer} take changed; {@code endpoint} is null unless direct or local. */
    record PathChanged(String peer, PathKind from, PathKind to, Endpoint endpoint, int region, long latencyNanos)
            implements MagicEvent {}

    /** A disco ping went out on a candidate path. */
    record PingSent(String peer, Endpoint to, boolean viaDerp, String purpose) implements MagicEvent {}

    /** A pong answered one of our pings. */
    record PongReceived(String peer, Endpoint from, long latencyNanos, Endpoint reportedSource) implements MagicEvent {}

    /** A CallMeMaybe went out through DERP or came in, with its endpoints. */
    record CallMeMaybe(String peer, boolean sent, int endpoints) implements MagicEvent {}

    /** A source address became a candidate because a ping came from it (peer-reflexive). */
    record CandidateLearned(String peer, Endpoint endpoint) implements MagicEvent {}

    /** A datagram was dropped, by reason (disco reasons, unknown WireGuard source, no path). */
    record Dropped(String peer, String reason, int length) implements MagicEvent {}
}
