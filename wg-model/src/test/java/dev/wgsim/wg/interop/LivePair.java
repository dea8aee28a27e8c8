package dev.wgsim.wg.interop;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.device.InnerPacket;
import dev.wgsim.wg.device.WgPeer;
import dev.wgsim.wg.live.IcmpEcho;
import dev.wgsim.wg.live.LiveDriver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * wireguard-go on a TUN interface and our device on a {@link LiveDriver}, peered over loopback.
 * Inner addresses: wireguard-go's interface is 10.A.B.1/24, ours 10.A.B.2; A comes from the
 * JVM's pid and B from a counter, so concurrent runs on one machine do not share a subnet.
 */
final class LivePair implements AutoCloseable {

    private static final AtomicInteger SUBNETS = new AtomicInteger();
    private static final Entropy KEYS = Entropy.of(new SecureRandom());

    final WireGuardGo go;
    final LiveDriver driver;
    final PrivateKey goKey;
    final PrivateKey javaKey;
    final int goPort;
    final byte[] goInner;
    final byte[] javaInner;
    final IpPrefix subnet;
    private static final byte[] IPV4_LOOPBACK = {127, 0, 0, 1};
    private static final byte[] IPV6_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private PresharedKey javaPsk;
    private InetAddress outer;
    private final AtomicInteger sequence = new AtomicInteger();

    private LivePair(WireGuardGo go, LiveDriver driver, PrivateKey goKey, PrivateKey javaKey, int goPort, int b) {
        this.go = go;
        this.driver = driver;
        this.goKey = goKey;
        this.javaKey = javaKey;
        this.goPort = goPort;
        int a = 64 + (int) (ProcessHandle.current().pid() % 128);
        this.goInner = new byte[] {10, (byte) a, (byte) b, 1};
        this.javaInner = new byte[] {10, (byte) a, (byte) b, 2};
        this.subnet = IpPrefix.masked(IpAddress.fromBytes(goInner), 24);
    }

    /**
     * @param goKnowsOurEndpoint false = wireguard-go must learn it from our first packet
     * @param weKnowGoEndpoint false = we must learn it from wireguard-go's first packet
     * @param goPsk, javaPsk preshared keys on each side (null = none)
     */
    static LivePair start(boolean goKnowsOurEndpoint, boolean weKnowGoEndpoint, PresharedKey goPsk,
            PresharedKey javaPsk) throws IOException, InterruptedException {
        return start(goKnowsOurEndpoint, weKnowGoEndpoint, goPsk, javaPsk, false);
    }

    /** As above; {@code ipv6Outer} runs the outer UDP over [::1] instead of 127.0.0.1. */
    static LivePair start(boolean goKnowsOurEndpoint, boolean weKnowGoEndpoint, PresharedKey goPsk,
            PresharedKey javaPsk, boolean ipv6Outer) throws IOException, InterruptedException {
        PrivateKey goKey = PrivateKey.generate(KEYS);
        PrivateKey javaKey = PrivateKey.generate(KEYS);
        WireGuardGo go = WireGuardGo.start();
        LiveDriver driver = null;
        try {
            int goPort = WireGuardGoHarnessInteropTest.freeLoopbackPort();
            go.configure(goKey, goPort);
            InetAddress loopback = ipv6Outer ? InetAddress.getByAddress(IPV6_LOOPBACK) : InetAddress.getByAddress(IPV4_LOOPBACK);
            driver = LiveDriver.start(javaKey, new InetSocketAddress(loopback, 0), dev.wgsim.wg.device.Constants.DEFAULTS);
            LivePair pair = new LivePair(go, driver, goKey, javaKey, goPort, 1 + SUBNETS.getAndIncrement() % 250);
            go.setPeer(javaKey.publicKey(), goPsk,
                    goKnowsOurEndpoint ? (ipv6Outer ? "[::1]:" : "127.0.0.1:") + driver.localAddress().getPort() : null,
                    IpPrefix.host(IpAddress.fromBytes(pair.javaInner)).toString(), 0);
            go.addressAndUp(IpAddress.fromBytes(pair.goInner).toString() + "/24");
            pair.javaPsk = javaPsk;
            pair.outer = loopback;
            pair.addGoPeer(weKnowGoEndpoint);
            return pair;
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (driver != null) {
                driver.close();
            }
            go.close();
            throw e;
        }
    }

    /** (Re-)adds wireguard-go as a peer of our device. */
    void addGoPeer(boolean withEndpoint) {
        driver.withDevice(d -> {
            WgPeer peer = d.addPeer(goKey.publicKey(), javaPsk == null ? PresharedKey.NONE : javaPsk);
            d.addAllowedIp(peer, subnet);
            if (withEndpoint) {
                d.setEndpoint(peer, new InetSocketAddress(outer, goPort));
            }
            return peer;
        });
    }

    /** Removes wireguard-go from our device (its keypairs and handshake state go with it). */
    void removeGoPeer() {
        driver.withDevice(d -> {
            d.removePeer(d.peer(goKey.publicKey()));
            return null;
        });
    }

    /** Sends an echo request to wireguard-go's inner address; returns its sequence number. */
    int sendPing() throws IOException {
        int seq = sequence.incrementAndGet();
        byte[] payload = ("wgsim interop " + seq).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        driver.sendInner(IcmpEcho.request(javaInner, goInner, 0x7767, seq, payload));
        return seq;
    }

    /** Waits for the echo reply to {@code seq}; other delivered packets are skipped. */
    IcmpEcho.Echo awaitReply(int seq, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            InnerPacket p = driver.awaitDelivered(left, TimeUnit.NANOSECONDS);
            if (p == null) {
                return null;
            }
            IcmpEcho.Echo e = IcmpEcho.parse(p.packet());
            if (e != null && e.type() == IcmpEcho.ECHO_REPLY && e.sequence() == seq) {
                return e;
            }
        }
    }

    /** Ping and require the reply within 10 s (generous, for a loaded CI machine). */
    IcmpEcho.Echo ping() throws IOException, InterruptedException {
        int seq = sendPing();
        IcmpEcho.Echo e = awaitReply(seq, 10_000);
        assertNotNull(e, "no echo reply from wireguard-go's kernel for seq " + seq + "; our drops "
                + driver.dropSummary() + "; events " + driver.events() + "\nwireguard-go log:\n" + go.log());
        return e;
    }

    /** How wg prints our endpoint: {@code 127.0.0.1:port} or {@code [::1]:port}. */
    String ourEndpointText() {
        return (outer.getAddress().length == 16 ? "[::1]:" : "127.0.0.1:") + driver.localAddress().getPort();
    }

    String goInnerText() {
        return IpAddress.fromBytes(goInner).toString();
    }

    String javaInnerText() {
        return IpAddress.fromBytes(javaInner).toString();
    }

    String javaPublic() {
        return javaKey.publicKey().toBase64();
    }

    WgDump.Peer goViewOfUs() throws IOException, InterruptedException {
        return go.dump().peer(javaPublic()).orElseThrow();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.close();
        } finally {
            go.close();
        }
    }
}
