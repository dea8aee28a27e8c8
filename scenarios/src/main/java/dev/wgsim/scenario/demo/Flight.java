package dev.wgsim.scenario.demo;

import dev.wgsim.engine.net.IpAddress;
import java.util.List;

/**
 * The demo packet of one action (Send, Recv, Spoof, Forge) while the clock runs: where it went,
 * whether it was delivered or dropped (and by whom, in the log's words), and the transport packet
 * that carried it.
 */
final class Flight {
    final String action;
    final String from;
    final String to;
    final String peer;
    final IpAddress src;
    final IpAddress dst;
    /** The first capture index of this action: the packets it caused are those from here on. */
    final int firstCapture;
    final DemoState.Route route;
    private boolean delivered;
    private String dropAt;
    private String detail;
    private Integer carrier;

    Flight(String action, String from, String to, String peer, IpAddress src, IpAddress dst, int firstCapture,
           DemoState.Route route) {
        this.action = action;
        this.from = from;
        this.to = to;
        this.peer = peer;
        this.src = src;
        this.dst = dst;
        this.firstCapture = firstCapture;
        this.route = route;
    }

    /** Whether the outcome is still open (neither delivered nor dropped by WireGuard). */
    boolean open() {
        return !delivered && dropAt == null;
    }

    /** Host {@code host} received a demo packet carried by capture {@code packet}. */
    void deliveredAt(String host, Integer packet) {
        if (to.equals(host)) {
            delivered = true;
            carrier = packet;
        }
    }

    /** WireGuard at {@code wgNode} dropped it, as {@code text} says, carried by {@code packet}. */
    void droppedByWireGuard(String wgNode, String text, Integer packet) {
        dropAt = wgNode;
        detail = text;
        carrier = packet;
    }

    /** The network dropped something on the way (the last such word stands, unless WireGuard's comes). */
    void networkDrop(String text) {
        detail = text;
    }

    /** How the page draws this packet once the clock has run; {@code captured} lists the packets it caused. */
    DemoState.Packet outcome(List<Integer> captured) {
        String result = delivered ? "delivered" : dropAt != null ? "dropped" : "lost";
        return new DemoState.Packet(action, from, to, src.toString(), dst.toString(), result, dropAt, summary(), route,
                captured, carrier);
    }

    /** One phrase: delivered to whom, the drop in the log's words, or lost. */
    String summary() {
        return delivered ? "delivered to " + to : detail != null ? detail : "not delivered within 1 s";
    }
}
