package dev.wgsim.engine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.app.PingReply;
import dev.wgsim.engine.link.LinkStateChanged;
import dev.wgsim.engine.net.DropReason;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.PacketDropped;
import dev.wgsim.engine.net.PacketSent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Protocol listeners never see per-packet events; drops reach everyone (metrics count them). */
class TraceInterestTest {
    @Test
    void perPacketEventsReachOnlyPacketListeners() {
        Trace trace = new Trace();
        List<String> all = new ArrayList<>();
        List<String> protocol = new ArrayList<>();
        TraceListener allListener = e -> all.add(e.kind());
        trace.subscribeProtocol(e -> protocol.add(e.kind()));
        assertTrue(trace.active());
        assertFalse(trace.packetsActive(), "only a protocol listener");
        trace.subscribe(allListener);
        assertTrue(trace.packetsActive());

        IpPacket p = IpPacket.udp(new Endpoint(IpAddress.parse("10.0.0.1"), 1), new Endpoint(IpAddress.parse("10.0.0.2"), 2),
                new byte[8]);
        trace.emit(new PacketSent(1, "a", "eth0", p));
        trace.emit(new PingReply(2, "ping", 1, 5));
        trace.emit(new PacketDropped(3, "l", true, DropReason.LOSS, p));
        trace.emit(new LinkStateChanged(4, "l", false));
        assertEquals(List.of("packet.sent", "ping.reply", "packet.dropped", "link.state"), all);
        assertEquals(List.of("packet.dropped", "link.state"), protocol);

        trace.unsubscribe(allListener);
        assertFalse(trace.packetsActive());
        assertTrue(trace.active());
    }
}
