package dev.wgsim.scenario.demo;

import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.engine.trace.TraceListener;

/**
 * Turns the simulation's trace into the page's log: wg0's protocol events and the network's drops,
 * worded by {@link EventWording} from the events' typed fields (the values the event log holds, with
 * no JSON round trip), each tied to the captured packet it is about. It also tells the packet in flight what befell it, and remembers an endpoint
 * change that no action caused (a roamed peer's keepalive) so the page can draw it.
 */
final class DemoTraceLog implements TraceListener {
    private final DemoEventBuffer log;
    private final String wgNode;
    private final Session session;
    private Moved moved;

    /** What the wording needs from the session at the moment an event arrives. */
    interface Session {
        /** The demo packet in flight, or null between actions. */
        Flight flight();

        /** wg0's current sending key for {@code peer}, shortened, or null. */
        String shortSessionKey(String peer);

        /** The index the next captured packet will get. */
        int nextCapture();

        /** The latest captured packet's index, or null before the first. */
        Integer lastCaptured();
    }

    /** An endpoint change of wg0's seen while no demo packet was in flight: the peer, the packet, the log line. */
    record Moved(String peer, Integer packet, String text) {}

    DemoTraceLog(DemoEventBuffer log, String wgNode, Session session) {
        this.log = log;
        this.wgNode = wgNode;
        this.session = session;
    }

    /** The endpoint change seen since {@link #forgetMoved}, or null. */
    Moved moved() {
        return moved;
    }

    void forgetMoved() {
        moved = null;
    }

    @Override
    public void onEvent(TraceEvent ev) {
        String kind = ev.kind();
        if (!kind.startsWith("wg.") && !kind.equals("packet.dropped")) {
            return; // packet.sent and the like: not log material, and not worth formatting
        }
        EventWording.Fields node = EventWording.Fields.of(ev);
        Flight flight = session.flight();
        EventWording.Line line = EventWording.describe(node, wgNode, new EventWording.Context() {
            @Override
            public String innerSourceFrom(String peer) {
                return flight != null && flight.peer.equals(peer) && !flight.from.equals(wgNode) ? flight.src.toString() : null;
            }

            @Override
            public String shortKey(String peer) {
                return session.shortSessionKey(peer);
            }
        });
        if (line == null) {
            return;
        }
        String peer = node.text("peer");
        Integer packet = EventWording.packetOf(node, wgNode)
                ? (EventWording.sends(node) ? Integer.valueOf(session.nextCapture()) : session.lastCaptured()) : null;
        log.add(ev.timeNanos(), line.kind(), peer, line.text(), packet);
        if (kind.equals("wg.endpoint.changed") && node.text("node").equals(wgNode) && flight == null) {
            moved = new Moved(peer, packet, line.text());
        }
        if (flight != null && flight.open()) {
            if (kind.equals("wg.dropped") && (flight.from.equals(wgNode) || flight.peer.equals(peer))) {
                flight.droppedByWireGuard(wgNode, line.text(), packet);
            } else if (kind.equals("packet.dropped")) {
                flight.networkDrop(line.text());
            }
        }
    }
}
