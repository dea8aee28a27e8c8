package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.cli.BrokenInputCliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} of the largest network the format documents ({@code count:} up to 100,000) takes
 * seconds: the set-up is linear in nodes and peers. The 60 s bound only catches a return of
 * quadratic work (which took minutes); the time is printed for the record.
 */
class LargeNetworkCheckTest {
    @Test
    void checkOfAHundredThousandSpokeStarTakesSeconds(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("star.yaml");
        Files.writeString(f, """
                scenario: {name: star, duration: 10m}
                topology: {type: star, hub: hub, persistent_keepalive: 25s}
                nodes:
                  - name: inet
                    router: true
                  - name: hub
                    address: 198.51.100.1
                    wireguard: {address: 10.0.0.1/8, listen_port: 51820}
                  - name: spoke-{i}
                    count: 100000
                    address_pool: 100.64.0.0/10
                    wireguard: {address_pool: 10.1.0.1/8}
                links:
                  - {name: hub-inet, a: hub, b: inet, delay: 5ms, rate: 10Gbit/s}
                  - {name: 'spoke-{i}-inet', count: 100000, a: 'spoke-{i}', b: inet, delay: 20ms}
                traffic:
                  - {name: 'ping-{i}', count: 100000, type: ping, from: 'spoke-{i}', to: hub, interval: 10s}
                expect:
                  - {count: wg.handshake.completed, node: hub, peer: spoke-99999, is: 1}
                """);
        long t0 = System.nanoTime();
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> BrokenInputCliTest.wgsim("check", f.toString()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("ok (100002 nodes, 100001 with WireGuard, 100001 links, 0 NATs, 100000 flows, 0 events, 1 expectations)"),
                r.out());
        System.out.println("check of a 100,000-spoke star: " + ms + " ms");
    }
}
