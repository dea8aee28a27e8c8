package dev.wgsim.wg.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.Constants;
import dev.wgsim.wg.device.DropReason;
import dev.wgsim.wg.device.InnerPacket;
import dev.wgsim.wg.device.WgEvent;
import dev.wgsim.wg.device.WgPeer;
import dev.wgsim.wg.live.IcmpEcho;
import dev.wgsim.wg.live.LiveDriver;
import dev.wgsim.wg.noise.CookieGenerator;
import dev.wgsim.wg.noise.MessageInitiation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the live peer under hostile traffic. While a flood of junk datagrams hits our UDP
 * port from loopback (random bytes, wrong sizes, unknown indexes, initiations with a valid mac1
 * while we are under load, so each one costs a cookie reply), initiations with a source port of 0
 * arrive through the tunnel itself (our device sends them as inner UDP packets to wireguard-go's
 * interface address, and the kernel delivers them to our socket from {@code 10.x.y.2:0}; Java
 * has no raw sockets). Their cookie replies cannot be sent ("Can't send to port 0"), which used
 * to kill the loop. Meanwhile we ping wireguard-go's kernel through the tunnel: every ping must
 * be answered, the drops are counted by reason in bounded memory, the send failures counted.
 *
 * <p>The flood is bounded: {@value #FLOOD_RATE} datagrams/s for as long as the pings run (35 at
 * 0.2 s, so about 7 s) and never more than {@value #FLOOD_MAX} datagrams, all to 127.0.0.1.
 */
class LiveFloodInteropTest {

    private static final int PINGS = 35;
    private static final long PING_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int FLOOD_RATE = 3_000;
    private static final int FLOOD_MAX = 60_000;
    private static final int PORT_ZERO_EVERY = 200;

    @Test
    void everyPingAnsweredUnderJunkFloodAndSourcePortZero() throws Exception {
        Entropy keys = Entropy.of(new SecureRandom());
        PrivateKey goKey = PrivateKey.generate(keys);
        PrivateKey ourKey = PrivateKey.generate(keys);
        int goPort = WireGuardGoHarnessInteropTest.freeLoopbackPort();
        int b = 1 + (int) (ProcessHandle.current().pid() % 250);
        byte[] goInner = {10, 61, (byte) b, 1};
        byte[] ourInner = {10, 61, (byte) b, 2};
        InetAddress loopback = InetAddress.getLoopbackAddress();

        // Bound on every address: the port-0 datagrams arrive addressed to wireguard-go's inner address.
        try (WireGuardGo go = WireGuardGo.start();
                LiveDriver driver = LiveDriver.start(ourKey, new InetSocketAddress(0), Constants.DEFAULTS)) {
            int ourPort = driver.localAddress().getPort();
            go.configure(goKey, goPort);
            go.setPeer(ourKey.publicKey(), PresharedKey.NONE, "127.0.0.1:" + ourPort,
                    IpPrefix.host(IpAddress.fromBytes(ourInner)).toString(), 0);
            go.addressAndUp(IpAddress.fromBytes(goInner).toString() + "/24");
            driver.withDevice(d -> {
                WgPeer p = d.addPeer(goKey.publicKey(), PresharedKey.NONE);
                d.addAllowedIp(p, IpPrefix.masked(IpAddress.fromBytes(goInner), 24));
                d.setEndpoint(p, new InetSocketAddress(loopback, goPort));
                return p;
            });
            int seq = 0;
            assertNotNull(ping(driver, ourInner, goInner, ++seq), "no reply before the flood: " + driver.dropSummary());
            // Under load every initiation with a valid mac1 and no mac2 gets a cookie reply.
            driver.withDevice(d -> {
                d.forceUnderLoad(true);
                return null;
            });

            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicLong floodSent = new AtomicLong();
            AtomicLong portZeroSent = new AtomicLong();
            Thread flood = new Thread(() -> flood(driver, ourKey.publicKey(), ourInner, goInner, ourPort, flooding,
                    floodSent, portZeroSent), "live-flood");
            long receivedBefore = driver.receivedDatagrams();
            long start = System.nanoTime();
            flood.start();
            int answered = 0;
            try {
                for (int i = 0; i < PINGS; i++) {
                    LockSupport.parkNanos(PING_INTERVAL_NANOS); // ping's pacing, not a wait for a result
                    if (ping(driver, ourInner, goInner, ++seq) != null) {
                        answered++;
                    }
                }
            } finally {
                flooding.set(false);
                flood.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long handled = driver.receivedDatagrams() - receivedBefore;
            System.out.printf(java.util.Locale.ROOT,
                    "flood: %d junk + %d port-0 datagrams sent in %.1f s; the driver handled %d (%.0f/s); drops %s;"
                            + " %d cookie replies, %d send failures (last: %s)%n",
                    floodSent.get(), portZeroSent.get(), seconds, handled, handled / seconds, driver.dropCounts(),
                    driver.cookieRepliesSent(), driver.sendFailures(), driver.lastSendFailure());

            assertEquals(PINGS, answered, "pings answered under the flood; drops " + driver.dropSummary());
            assertTrue(floodSent.get() > 5_000, "the flood really happened: " + floodSent.get());
            // Cookie replies to 10.x.y.2:0 cannot be sent: counted, and the loop went on (the pings above).
            assertTrue(driver.sendFailures() > 0, "no port-0 datagram reached us: " + driver.dropSummary());
            assertTrue(driver.lastSendFailure().contains(":0"), driver.lastSendFailure());
            Map<DropReason, Long> counts = driver.dropCounts();
            assertTrue(counts.getOrDefault(DropReason.NEEDS_COOKIE, 0L) > 0, counts.toString());
            assertTrue(counts.getOrDefault(DropReason.UNKNOWN_INDEX, 0L) > 0, counts.toString());
            assertTrue(counts.getOrDefault(DropReason.MALFORMED, 0L) + counts.getOrDefault(DropReason.UNKNOWN_TYPE, 0L) > 0,
                    counts.toString());
            long dropped = counts.values().stream().mapToLong(Long::longValue).sum();
            assertTrue(dropped > 5_000 && dropped <= driver.receivedDatagrams(), dropped + " drops");
            // Bounded memory: only the recent drops and the first cookie events are kept.
            assertTrue(driver.drops().size() <= LiveDriver.RECENT_DROPS);
            long cookieEvents = driver.events().stream().filter(e -> e.event() instanceof WgEvent.CookieSent).count();
            assertTrue(driver.cookieRepliesSent() > LiveDriver.STORED_COOKIE_EVENTS, "cookie replies "
                    + driver.cookieRepliesSent());
            assertEquals(LiveDriver.STORED_COOKIE_EVENTS, cookieEvents);
        }
    }

    /** One echo request to wireguard-go's kernel; the reply, or null after 5 s. */
    private static IcmpEcho.Echo ping(LiveDriver driver, byte[] src, byte[] dst, int seq) throws Exception {
        driver.sendInner(IcmpEcho.request(src, dst, 0x7766, seq, ("flood " + seq).getBytes()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
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
            if (e != null && e.type() == IcmpEcho.ECHO_REPLY && e.sequence() == seq && e.identifier() == 0x7766) {
                return e;
            }
        }
    }

    private static void flood(LiveDriver driver, PublicKey target, byte[] ourInner, byte[] goInner, int ourPort,
            AtomicBoolean flooding, AtomicLong sent, AtomicLong portZero) {
        SplittableRandom rnd = new SplittableRandom(17);
        CookieGenerator mac1 = new CookieGenerator(target);
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), ourPort);
        long interval = 1_000_000_000L / FLOOD_RATE;
        long next = System.nanoTime();
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            for (long n = 0; flooding.get() && n < FLOOD_MAX; n++) {
                byte[] d = junk(rnd, mac1);
                ch.send(ByteBuffer.wrap(d), to);
                sent.incrementAndGet();
                if (n % PORT_ZERO_EVERY == 0) {
                    byte[] init = initiation(rnd, mac1);
                    driver.sendInner(udp(ourInner, goInner, 0, ourPort, init));
                    portZero.incrementAndGet();
                }
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing the flood
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random junk of the kinds an attacker sends; a tenth are initiations with a valid mac1. */
    private static byte[] junk(SplittableRandom rnd, CookieGenerator mac1) {
        switch (rnd.nextInt(10)) {
            case 0:
                return initiation(rnd, mac1);
            case 1, 2, 3: { // transport header with a random (unknown) receiver index
                byte[] d = new byte[32 + rnd.nextInt(1400)];
                rnd.nextBytes(d);
                d[0] = 4;
                d[1] = 0;
                d[2] = 0;
                d[3] = 0;
                return d;
            }
            case 4: { // a known type with the wrong size
                byte[] d = new byte[1 + rnd.nextInt(200)];
                rnd.nextBytes(d);
                d[0] = (byte) (1 + rnd.nextInt(3));
                if (d.length >= 4) {
                    d[1] = 0;
                    d[2] = 0;
                    d[3] = 0;
                }
                return d;
            }
            default: { // random bytes of random length, empty included
                byte[] d = new byte[rnd.nextInt(1500)];
                rnd.nextBytes(d);
                return d;
            }
        }
    }

    private static byte[] initiation(SplittableRandom rnd, CookieGenerator mac1) {
        byte[] d = new byte[MessageInitiation.SIZE];
        rnd.nextBytes(d);
        d[0] = 1;
        d[1] = 0;
        d[2] = 0;
        d[3] = 0;
        mac1.addMacs(d, 0);
        return d;
    }

    /** An IPv4 UDP packet (UDP checksum 0: none, as IPv4 allows). */
    private static byte[] udp(byte[] src, byte[] dst, int srcPort, int dstPort, byte[] payload) {
        int total = 20 + 8 + payload.length;
        byte[] p = new byte[total];
        p[0] = 0x45;
        p[2] = (byte) (total >>> 8);
        p[3] = (byte) total;
        p[8] = 64;
        p[9] = 17;
        System.arraycopy(src, 0, p, 12, 4);
        System.arraycopy(dst, 0, p, 16, 4);
        long sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int c = (int) (~sum & 0xffff);
        p[10] = (byte) (c >>> 8);
        p[11] = (byte) c;
        p[20] = (byte) (srcPort >>> 8);
        p[21] = (byte) srcPort;
        p[22] = (byte) (dstPort >>> 8);
        p[23] = (byte) dstPort;
        int udpLength = 8 + payload.length;
        p[24] = (byte) (udpLength >>> 8);
        p[25] = (byte) udpLength;
        System.arraycopy(payload, 0, p, 28, payload.length);
        return p;
    }
}
