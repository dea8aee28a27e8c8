package dev.wgsim.wg.live;

import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.config.ConfigException;
import dev.wgsim.wg.config.PeerConfig;
import dev.wgsim.wg.config.WgQuickConfig;
import dev.wgsim.wg.config.WgQuickDevices;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.Constants;
import dev.wgsim.wg.device.WgEvent;
import dev.wgsim.wg.device.WgPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Brings up a userspace peer from a wg-quick file on a real socket and pings an address behind
 * one of its peers with crafted ICMP echo requests: {@code ping} through a tunnel, without a TUN
 * device on our side.
 *
 * <p>The handshake is done first (by a keepalive, which is what {@code PersistentKeepalive} does
 * anyway), so the echo round-trip times do not include it; the handshake time is reported apart.
 */
public final class LivePing {

    /** The ICMP payload length {@code ping} uses by default: 64 bytes of ICMP in all. */
    public static final int DEFAULT_PAYLOAD = 56;
    private static final int KEEPALIVE_TO_START_SESSION = 25;

    /**
     * What to ping and how.
     *
     * @param bind local UDP address; see {@link #defaultBind}
     * @param target IPv4 address inside the tunnel (4 bytes)
     * @param count echo requests to send, 1..65535
     * @param intervalNanos between requests
     * @param timeoutNanos how long to wait for the handshake, and for replies after the last request
     * @param payloadBytes ICMP payload per request
     */
    public record Options(InetSocketAddress bind, byte[] target, int count, long intervalNanos, long timeoutNanos,
            int payloadBytes) {
        public Options {
            if (bind == null) {
                throw new IllegalArgumentException("bind must not be null");
            }
            if (target == null || target.length != 4) {
                throw new IllegalArgumentException("target must be an IPv4 address (4 bytes)");
            }
            if (count < 1 || count > 65535) {
                throw new IllegalArgumentException("count must be in 1..65535, got " + count);
            }
            if (intervalNanos <= 0 || timeoutNanos <= 0) {
                throw new IllegalArgumentException("interval and timeout must be positive");
            }
            if (payloadBytes < 0 || payloadBytes > 65507 - 28) {
                throw new IllegalArgumentException("payload must be in 0.." + (65507 - 28) + " bytes, got " + payloadBytes);
            }
            target = target.clone();
        }

        @Override
        public byte[] target() {
            return target.clone();
        }
    }

    /** One echo reply: its sequence number, round-trip time and ICMP length (header + payload). */
    public record Reply(int sequence, long rttNanos, int icmpBytes) {
    }

    /** Told of progress as it happens, so a command can print like {@code ping}. */
    public interface Listener {
        default void started(InetSocketAddress local, PublicKey peer, InetSocketAddress endpoint) {
        }

        default void handshake(long nanos) {
        }

        default void reply(Reply reply) {
        }
    }

    /**
     * What happened.
     *
     * @param handshakeNanos from our first initiation leaving to the session being up; empty if
     *     none completed within the timeout
     * @param initiations handshake initiations we sent (more than one means retries)
     * @param transmitted echo requests sent (0 without a handshake)
     * @param replies in arrival order, duplicates left out
     * @param lost sequence numbers sent (or not sent for want of a session) without a reply
     * @param rxBytes, txBytes our device's counters for the peer, as {@code wg show} counts them
     */
    public record Result(InetSocketAddress local, PublicKey peer, InetSocketAddress endpoint,
            OptionalLong handshakeNanos, int initiations, int transmitted, List<Reply> replies, List<Integer> lost,
            long rxBytes, long txBytes) {
        public Result {
            replies = List.copyOf(replies);
            lost = List.copyOf(lost);
        }

        /** True when the session came up and every request was answered. */
        public boolean allReplied() {
            return handshakeNanos.isPresent() && lost.isEmpty();
        }
    }

    private LivePing() {
    }

    /** The config's ListenPort on every address, or an ephemeral port when it has none. */
    public static InetSocketAddress defaultBind(WgQuickConfig config) {
        return new InetSocketAddress(config.iface().listenPort());
    }

    /**
     * The echo source: the first IPv4 [Interface] Address.
     *
     * @param file the config's name, for the error
     */
    public static byte[] sourceAddress(String file, WgQuickConfig config) throws ConfigException {
        for (InterfaceAddress a : config.iface().addresses()) {
            if (a.address().isV4()) {
                return a.address().toBytes();
            }
        }
        throw new ConfigException(file, 0, "Interface", "Address", "no IPv4 address to send echo requests from",
                "add e.g. 'Address = 10.0.0.2/24', the address the server's AllowedIPs lists for us");
    }

    /**
     * The peer whose AllowedIPs hold {@code target} (longest prefix wins, as cryptokey routing
     * does).
     */
    public static PeerConfig routeTo(String file, WgQuickConfig config, byte[] target) throws ConfigException {
        PeerConfig best = null;
        int bestBits = -1;
        IpAddress to = IpAddress.fromBytes(target);
        for (PeerConfig p : config.peers()) {
            for (IpPrefix prefix : p.allowedIps()) {
                if (prefix.length() > bestBits && prefix.contains(to)) {
                    best = p;
                    bestBits = prefix.length();
                }
            }
        }
        if (best == null) {
            throw new ConfigException(file, 0, "Peer", "AllowedIPs", "no peer's AllowedIPs contains "
                    + to, "ping an address inside a peer's AllowedIPs, or add it there");
        }
        return best;
    }

    /**
     * Runs the ping. The peer must have an Endpoint (a hostname is resolved here).
     *
     * @param file the config's name, for errors
     * @throws ConfigException if the config cannot ping the target (no route, no endpoint, no
     *     source address, an endpoint name that does not resolve)
     * @throws IOException if the socket cannot be bound or used
     */
    public static Result run(String file, WgQuickConfig config, Options options, Listener listener)
            throws ConfigException, IOException, InterruptedException {
        byte[] source = sourceAddress(file, config);
        byte[] target = options.target();
        PeerConfig route = routeTo(file, config, target);
        if (route.endpoint() == null) {
            throw new ConfigException(file, 0, "Peer", "Endpoint", "the peer for " + IpAddress.fromBytes(target).toString()
                    + " (" + route.publicKey().toBase64() + ") has no Endpoint, so we cannot start a handshake",
                    "add 'Endpoint = host:port' of the server to that [Peer]");
        }
        InetSocketAddress endpoint = resolve(file, route);

        try (LiveDriver driver = LiveDriver.start(config.iface().privateKey(), options.bind(), Constants.DEFAULTS)) {
            List<WgQuickDevices.PendingKeepalive> keepalives = driver.withDevice(d -> {
                List<WgQuickDevices.PendingKeepalive> k = WgQuickDevices.configure(d, config);
                d.setEndpoint(d.peer(route.publicKey()), endpoint);
                return k;
            });
            WgPeer peer = driver.withDevice(d -> d.peer(route.publicKey()));
            listener.started(driver.localAddress(), route.publicKey(), endpoint);

            int mark = driver.events().size();
            for (WgQuickDevices.PendingKeepalive k : keepalives) {
                driver.call((d, now) -> d.setPersistentKeepalive(now, k.peer(), k.seconds()));
            }
            if (route.persistentKeepalive() == 0) {
                // A keepalive starts the handshake without an echo request waiting on it; it is
                // switched off again once the session is up, as the file asks.
                driver.call((d, now) -> d.setPersistentKeepalive(now, peer, KEEPALIVE_TO_START_SESSION));
            }
            OptionalLong handshake = awaitHandshake(driver, route.publicKey(), mark, options.timeoutNanos());
            if (route.persistentKeepalive() == 0) {
                driver.call((d, now) -> d.setPersistentKeepalive(now, peer, 0));
            }
            int initiations = countInitiations(driver, route.publicKey(), mark);
            List<Reply> replies = new ArrayList<>();
            List<Integer> lost = new ArrayList<>();
            int transmitted = 0;
            if (handshake.isEmpty()) {
                for (int seq = 1; seq <= options.count(); seq++) {
                    lost.add(seq);
                }
            } else {
                listener.handshake(handshake.getAsLong());
                transmitted = ping(driver, source, target, options, listener, replies, lost);
            }
            long[] counters = driver.withDevice(d -> new long[] {peer.rxBytes(), peer.txBytes()});
            return new Result(driver.localAddress(), route.publicKey(), endpoint, handshake, initiations, transmitted,
                    replies, lost, counters[0], counters[1]);
        }
    }

    private static InetSocketAddress resolve(String file, PeerConfig route) throws ConfigException {
        if (route.endpoint().isResolved()) {
            return WgQuickDevices.socketAddress(route.endpoint());
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(route.endpoint().host()), route.endpoint().port());
        } catch (UnknownHostException e) {
            throw new ConfigException(file, 0, "Peer", "Endpoint", "cannot resolve host '" + route.endpoint().host()
                    + "'", "check the name, or write the server's IP address");
        }
    }

    private static OptionalLong awaitHandshake(LiveDriver driver, PublicKey peer, int mark, long timeoutNanos)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline) {
            long firstInitiation = -1;
            List<LiveDriver.TimedEvent> events = driver.events();
            for (int i = mark; i < events.size(); i++) {
                WgEvent e = events.get(i).event();
                if (e instanceof WgEvent.HandshakeInitiated h && h.peer().equals(peer) && firstInitiation < 0) {
                    firstInitiation = events.get(i).atNanos();
                } else if (e instanceof WgEvent.HandshakeCompleted c && c.peer().equals(peer)) {
                    // We may be the responder if the server initiated first; time from our call then.
                    long from = firstInitiation >= 0 ? firstInitiation : events.get(mark).atNanos();
                    return OptionalLong.of(events.get(i).atNanos() - from);
                }
            }
            Thread.sleep(1);
        }
        return OptionalLong.empty();
    }

    private static int countInitiations(LiveDriver driver, PublicKey peer, int mark) {
        int n = 0;
        List<LiveDriver.TimedEvent> events = driver.events();
        for (int i = mark; i < events.size(); i++) {
            if (events.get(i).event() instanceof WgEvent.HandshakeInitiated h && h.peer().equals(peer)) {
                n++;
            }
        }
        return n;
    }

    /** Sends the requests on schedule, collecting replies in between; returns how many were sent. */
    private static int ping(LiveDriver driver, byte[] source, byte[] target, Options o, Listener listener,
            List<Reply> replies, List<Integer> lost) throws IOException, InterruptedException {
        int identifier = (int) (ProcessHandle.current().pid() & 0xffff);
        byte[] payload = new byte[o.payloadBytes()];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (0x10 + i); // ping's pattern after its timestamp; any bytes do
        }
        long[] sentAt = new long[o.count() + 1];
        boolean[] answered = new boolean[o.count() + 1];
        long start = driver.now();
        for (int seq = 1; seq <= o.count(); seq++) {
            collect(driver, target, identifier, start + (seq - 1) * o.intervalNanos(), sentAt, answered, listener,
                    replies);
            byte[] request = IcmpEcho.request(source, target, identifier, seq, payload);
            sentAt[seq] = driver.now();
            driver.sendInner(request);
        }
        long end = sentAt[o.count()] + o.timeoutNanos();
        while (replies.size() < o.count() && driver.now() < end) {
            collect(driver, target, identifier, end, sentAt, answered, listener, replies);
        }
        for (int seq = 1; seq <= o.count(); seq++) {
            if (!answered[seq]) {
                lost.add(seq);
            }
        }
        return o.count();
    }

    /** Reads delivered packets until {@code untilNanos} (driver time) or every request of the run is answered. */
    private static void collect(LiveDriver driver, byte[] target, int identifier, long untilNanos, long[] sentAt,
            boolean[] answered, Listener listener, List<Reply> replies) throws InterruptedException {
        while (true) {
            long left = untilNanos - driver.now();
            if (left <= 0) {
                return;
            }
            LiveDriver.TimedPacket p = driver.awaitDeliveredTimed(left, TimeUnit.NANOSECONDS);
            if (p == null) {
                return;
            }
            IcmpEcho.Echo e = IcmpEcho.parse(p.packet().packet());
            if (e == null || e.type() != IcmpEcho.ECHO_REPLY || e.identifier() != identifier
                    || !java.util.Arrays.equals(e.source(), target)) {
                continue;
            }
            int seq = e.sequence();
            if (seq < 1 || seq >= sentAt.length || sentAt[seq] == 0 || answered[seq]) {
                continue; // not ours, or a duplicate
            }
            answered[seq] = true;
            Reply r = new Reply(seq, p.atNanos() - sentAt[seq], 8 + e.payload().length);
            replies.add(r);
            listener.reply(r);
            if (replies.size() == sentAt.length - 1) {
                return; // every request of the run answered: nothing left to wait for
            }
        }
    }
}
