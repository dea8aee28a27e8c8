package dev.wgsim.scenario.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPacket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the scenario language cannot inject, through the JUnit API: a real transport packet of the
 * phone, captured on the wire, is re-sent from another address (a spoofed roam), a forged copy
 * (one ciphertext bit flipped) is sent from that address, and the captured packet is replayed
 * after the phone has roamed. None of them moves the server's endpoint; replays are dropped with
 * reason replay, the forgery with decrypt_failed; the file's own expectations (exactly two
 * endpoint changes, at the right times) still hold.
 */
class RoamingReplayTest {
    private static final IpAddress PHONE = IpAddress.parse("192.0.2.20");
    private static final IpAddress SERVER = IpAddress.parse("198.51.100.1");
    private static final IpAddress MALLORY = IpAddress.parse("203.0.113.66");
    private static final long S = 1_000_000_000L;

    private static boolean phoneData(IpPacket p) {
        byte[] d = p.payload();
        return p.isUdp() && p.source().equals(PHONE) && p.destinationPort() == 51820 && d.length > 32 && d[0] == 4;
    }

    @Test
    void spoofedAndReplayedPacketsChangeNothing() {
        LiveRun live = Wgsim.start(Path.of("regression/roaming.yaml"));
        List<IpPacket> captured = live.record("phone", RoamingReplayTest::phoneData);
        live.runUntil(20 * S + S / 2); // the ping sent at 20 s has reached the server (20.02 s)
        assertFalse(captured.isEmpty(), "the phone's pings were captured");
        byte[] real = captured.get(captured.size() - 1).payload().clone();

        live.inject("mallory", IpPacket.udp(MALLORY, 51820, SERVER, 51820, IpPacket.DEFAULT_TTL, real));
        byte[] forged = real.clone();
        forged[forged.length - 20] ^= 1;
        live.runUntil(21 * S + S / 2).inject("mallory", IpPacket.udp(MALLORY, 51820, SERVER, 51820, IpPacket.DEFAULT_TTL, forged));
        live.runUntil(40 * S + S / 2).inject("mallory", IpPacket.udp(PHONE, 51820, SERVER, 51820, IpPacket.DEFAULT_TTL, real));

        ScenarioRun run = live.finish();
        run.assertExpectations()
                .expect("{endpoint: '192.0.2.20:51820', node: server, peer: phone, at: 25s}")
                .expect("{count: wg.endpoint.changed, node: server, where: {new: '203.0.113.66:51820'}, is: 0}")
                .expect("{count: wg.dropped, node: server, reason: replay, is: 2}")
                .expect("{count: wg.dropped, node: server, reason: decrypt_failed, is: 1}")
                .expect("{happens: wg.dropped, node: server, reason: replay, at: 40.5s ± 10ms}");
        assertEquals(2, run.eventLog().events().stream().filter(e -> e.kind().equals("wg.endpoint.changed")).count());
    }

    /**
     * The flip side, as in real WireGuard: a man in the middle who forwards a captured packet from
     * its own address *before* the genuine copy arrives delivers an authentic, never-seen counter,
     * so the endpoint moves to it - until the phone's next packet moves it back. Only the genuine
     * copy, arriving second, is dropped as a replay.
     */
    @Test
    void aFasterForwardedCopyMovesTheEndpointUntilTheNextGenuinePacket() {
        LiveRun live = Wgsim.start(Path.of("regression/roaming.yaml"));
        List<IpPacket> captured = live.record("phone", RoamingReplayTest::phoneData);
        live.runUntil(20 * S); // the 20 s ping has just left the phone (15 ms link); mallory's link is 5 ms
        byte[] real = captured.get(captured.size() - 1).payload().clone();
        live.inject("mallory", IpPacket.udp(MALLORY, 51820, SERVER, 51820, IpPacket.DEFAULT_TTL, real));
        ScenarioRun run = live.finish();
        run.expect("{happens: wg.endpoint.changed, node: server, where: {new: '203.0.113.66:51820'}, at: 20.01s ± 1ms}")
                .expect("{happens: wg.endpoint.changed, node: server, where: {new: '192.0.2.20:51820'}, at: 21.02s ± 1ms}")
                .expect("{happens: wg.dropped, node: server, reason: replay, at: 20.02s ± 1ms}");
    }
}
