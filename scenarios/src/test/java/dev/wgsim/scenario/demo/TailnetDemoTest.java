package dev.wgsim.scenario.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo over scenarios/examples/tailnet.yaml, without a browser. */
class TailnetDemoTest {
    static final Path EXAMPLE = Path.of("examples/tailnet.yaml");

    DemoSession demo;

    @BeforeEach
    void open() {
        demo = DemoSession.open(EXAMPLE);
    }

    static DemoState.TailnetDevice device(DemoState s, String name) {
        return s.tailnet().devices().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    static String path(DemoState s, String from, String to) {
        return device(s, from).paths().stream().filter(c -> c.peer().equals(to)).map(DemoState.PathCell::path)
                .findFirst().orElse(null);
    }

    /** Runs the clock a second at a time until {@code done} holds, at most {@code seconds}. */
    DemoState runUntil(int seconds, java.util.function.Predicate<DemoState> done) {
        DemoState s = demo.state();
        for (int i = 0; i < seconds && !done.test(s); i++) {
            s = demo.advance(1_000_000_000L);
        }
        return s;
    }

    @Test
    void theNetmapFillsServersTableWithEveryOtherDevicesTailnetAddress() {
        DemoState s = demo.state();
        assertTrue(demo.isTailnet());
        assertEquals("tailscale0", s.iface().name());
        assertEquals("server", s.iface().node());
        assertEquals(List.of(), s.peers(), "nothing has joined at 0 s");
        // 3 named devices + 10 matrix pairs; the phone joins at 3 s.
        s = runUntil(10, x -> x.peers().size() == 22);
        assertEquals(22, s.peers().size(), s.message());
        // Addresses are handed out in file order from 100.64.0.1: server .1, laptop .2, phone .3.
        DemoState.Peer laptop = s.peers().stream().filter(p -> p.name().equals("laptop")).findFirst().orElseThrow();
        assertEquals(List.of("100.64.0.2/32", "fd7a:115c:a1e0::2/128"), laptop.allowedIps());
        DemoState.Peer phone = s.peers().stream().filter(p -> p.name().equals("phone")).findFirst().orElseThrow();
        assertEquals(List.of("100.64.0.3/32", "fd7a:115c:a1e0::3/128"), phone.allowedIps());
        assertTrue(demo.log().entries().stream().anyMatch(e -> e.text().startsWith("netmap: server's tailscale0 gains peer laptop")),
                "the log says the netmap brought laptop");
    }

    @Test
    void pathsGoDirectWhereTheNatPairAllowsAndStayOnDerpWhereItDoesNot() {
        DemoState s = runUntil(40, x -> "direct".equals(path(x, "easy-easy-a", "easy-easy-b"))
                && "direct".equals(path(x, "easyaf-hard-b", "easyaf-hard-a")));
        // The research note's rule: direct iff one side maps endpoint-independently with a filter the other can open.
        assertEquals("direct", path(s, "easy-easy-a", "easy-easy-b"), s.message());
        assertEquals("direct", path(s, "easyaf-hard-b", "easyaf-hard-a"));
        assertEquals("relayed", path(s, "hard-hard-a", "hard-hard-b"));
        assertEquals("relayed", path(s, "easy-hard-a", "easy-hard-b"));
        demo.selectDevice("hard-hard-a");
        DemoState shown = demo.state();
        DemoState.Peer b = shown.peers().stream().filter(p -> p.name().equals("hard-hard-b")).findFirst().orElseThrow();
        assertEquals("DERP nyc", b.path(), "hard-hard-b's home is the 10 ms region, nyc");
        assertTrue(b.latestHandshakeNanos() > 0, "WireGuard completed a handshake over the relay");
    }

    @Test
    void anAddedDevicesKeyReachesEveryTableAndItsPathToServerGoesDirect() {
        runUntil(10, x -> x.peers().size() == 22);
        DemoState s = demo.addDevice("", "", "server");
        DemoState.TailnetDevice added = device(s, "new1");
        // 23 devices in the file hold 100.64.0.1-.23: the next is .24.
        assertEquals("100.64.0.24", added.address());
        assertFalse(added.joined());
        s = runUntil(10, x -> x.tailnet().devices().stream().filter(d -> !d.name().equals("new1"))
                .allMatch(d -> d.paths().stream().anyMatch(c -> c.peer().equals("new1"))));
        for (DemoState.TailnetDevice d : s.tailnet().devices()) {
            if (!d.name().equals("new1")) {
                assertTrue(d.paths().stream().anyMatch(c -> c.peer().equals("new1")), d.name() + " lacks new1");
            }
        }
        assertTrue(s.message().contains("new1's key is in 23 of 23 tables"), s.message());
        // Both public: nothing to punch, the first disco pong makes it direct.
        s = runUntil(15, x -> "direct".equals(path(x, "new1", "server")));
        assertEquals("direct", path(s, "new1", "server"));
    }

    @Test
    void aDeviceBehindAnotherDevicesNatSharesItsLan() {
        runUntil(5, x -> x.peers().size() >= 21);
        DemoState s = demo.addDevice("desk", "laptop", "laptop");
        assertEquals("easy", device(s, "desk").nat());
        s = runUntil(20, x -> "local".equals(path(x, "desk", "laptop")));
        assertEquals("local", path(s, "desk", "laptop"), String.valueOf(device(s, "desk").paths()));
    }

    @Test
    void reauthenticationReplacesTheOldKeyInEveryOtherTable() {
        runUntil(10, x -> x.peers().size() == 22);
        String old = demo.state().iface().publicKey();
        DemoState s = demo.reauthenticate("server");
        String fresh = s.iface().publicKey();
        assertFalse(fresh.equals(old), "tailscale0 has the new key at once");
        runUntil(5, x -> false);
        for (DemoState.TailnetDevice d : demo.state().tailnet().devices()) {
            if (d.name().equals("server")) {
                continue;
            }
            List<String> keys = demo.selectDevice(d.name()).peers().stream()
                    .filter(p -> p.name().equals("server")).map(DemoState.Peer::publicKey).toList();
            assertEquals(List.of(fresh), keys, d.name() + "'s row for server");
        }
        assertTrue(demo.log().entries().stream().anyMatch(e -> e.text().contains("control registered server")
                && e.text().contains("(re-authenticated)")));
    }

    @Test
    void classicActionsAndBadDeviceInputAreRefusedWithTheField() {
        DemoInputException e = assertThrows(DemoInputException.class, () -> demo.send("laptop"));
        assertEquals("tailnet", e.field());
        assertEquals("name", assertThrows(DemoInputException.class, () -> demo.addDevice("laptop", "", "")).field());
        assertEquals("name", assertThrows(DemoInputException.class, () -> demo.addDevice("Bad Name", "", "")).field());
        assertEquals("behind", assertThrows(DemoInputException.class, () -> demo.addDevice("x", "server", "")).field());
        assertEquals("pingTo", assertThrows(DemoInputException.class, () -> demo.addDevice("x", "", "nobody")).field());
    }
}
