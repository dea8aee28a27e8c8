package dev.wgsim.scenario.model;

import java.util.List;

/** The trace event kinds of docs/results-format.md that expectations may name. */
public final class EventKinds {
    private EventKinds() {
    }

    public static final List<String> ALL = List.of(
            "packet.sent", "packet.delivered", "packet.dropped", "link.state",
            "nat.mapping.created", "nat.mapping.expired", "nat.mapping.refreshed", "nat.reboot",
            "host.address.changed", "flow.delivered", "ping.reply",
            "wg.handshake.initiated", "wg.handshake.completed", "wg.session.derived", "wg.keypair.rotated",
            "wg.endpoint.changed", "wg.keys.zeroed", "wg.handshake.gave_up", "wg.cookie.sent", "wg.cookie.received",
            "wg.keepalive.sent", "wg.dropped",
            "node.added", "node.removed", "wg.interface.added", "wg.interface.removed", "wg.peer.added",
            "wg.peer.updated", "wg.peer.removed", "wg.key.changed", "traffic.added", "traffic.removed", "traffic.state",
            "tailnet.control.registered", "tailnet.control.refused", "tailnet.control.changed", "tailnet.control.flushed",
            "tailnet.control.connected", "tailnet.control.disconnected", "tailnet.netmap.peer", "tailnet.path",
            "tailnet.disco.call_me_maybe.sent", "tailnet.disco.call_me_maybe.received", "tailnet.endpoints", "tailnet.dropped");
}
