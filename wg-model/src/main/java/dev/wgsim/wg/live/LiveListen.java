package dev.wgsim.wg.live;

import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpAddress;
import dev.wgsim.wg.config.ConfigException;
import dev.wgsim.wg.config.WgQuickConfig;
import dev.wgsim.wg.config.WgQuickDevices;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.Constants;
import dev.wgsim.wg.device.InnerPacket;
import dev.wgsim.wg.device.WgEvent;
import dev.wgsim.wg.device.WgPeer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The responder role: brings up a userspace peer from a wg-quick file (its peers need no
 * Endpoint), waits for a real WireGuard peer to initiate, and answers ICMP echo requests (IPv4 and
 * IPv6) addressed to an interface Address, as a host behind a WireGuard interface would. Other
 * inner packets are ignored. Stops after {@code count} answered echoes or when the timeout passes.
 */
public final class LiveListen {

    /** How often the wait for packets pauses to look for new handshakes. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * @param bind local UDP address; see {@link LivePing#defaultBind}
     * @param count answered echoes to stop after, 1..65535
     * @param timeoutNanos how long to wait in all
     */
    public record Options(InetSocketAddress bind, int count, long timeoutNanos) {
        public Options {
            if (bind == null) {
                throw new IllegalArgumentException("bind must not be null");
            }
            if (count < 1 || count > 65535) {
                throw new IllegalArgumentException("count must be in 1..65535, got " + count);
            }
            if (timeoutNanos <= 0) {
                throw new IllegalArgumentException("timeout must be positive");
            }
        }
    }

    /** A handshake a peer completed with us: who, from where, when (driver time), our role. */
    public record Handshake(PublicKey peer, InetSocketAddress endpoint, long atNanos, String role) {
    }

    /** An echo request we answered. */
    public record Echo(PublicKey peer, IcmpEcho.Echo request, long atNanos) {
    }

    /** Told of progress as it happens, so a command can print it. */
    public interface Listener {
        default void started(InetSocketAddress local, PublicKey ourKey, List<InterfaceAddress> addresses) {
        }

        default void handshake(Handshake h) {
        }

        default void echo(Echo e) {
        }
    }

    /**
     * What happened.
     *
     * @param handshakes completed handshakes, in order
     * @param echoes answered echo requests, in order
     * @param ignored inner packets delivered that were not echo requests to our addresses
     * @param timedOut true when the timeout passed before {@code count} echoes were answered
     */
    public record Result(InetSocketAddress local, List<Handshake> handshakes, List<Echo> echoes, int ignored,
            boolean timedOut) {
        public Result {
            handshakes = List.copyOf(handshakes);
            echoes = List.copyOf(echoes);
        }
    }

    private LiveListen() {
    }

    /**
     * Runs the responder until done.
     *
     * @param file the config's name, for errors
     * @throws ConfigException if the config has no interface Address to answer on
     * @throws IOException if the socket cannot be bound
     */
    public static Result run(String file, WgQuickConfig config, Options options, Listener listener)
            throws ConfigException, IOException, InterruptedException {
        List<InterfaceAddress> addresses = config.iface().addresses();
        if (addresses.isEmpty()) {
            throw new ConfigException(file, 0, "Interface", "Address", "no Address to answer echo requests on",
                    "add e.g. 'Address = 10.0.0.1/24', the address the other side pings");
        }
        try (LiveDriver driver = LiveDriver.start(config.iface().privateKey(), options.bind(), Constants.DEFAULTS)) {
            List<WgQuickDevices.PendingKeepalive> keepalives = driver.withDevice(d -> WgQuickDevices.configure(d, config));
            for (WgQuickDevices.PendingKeepalive k : keepalives) {
                driver.call((d, now) -> d.setPersistentKeepalive(now, k.peer(), k.seconds()));
            }
            listener.started(driver.localAddress(), config.iface().privateKey().publicKey(), addresses);
            return serve(driver, addresses, options, listener);
        }
    }

    /** Answers echoes on an already configured driver until done (tests use it directly). */
    public static Result serve(LiveDriver driver, List<InterfaceAddress> addresses, Options options, Listener listener)
            throws IOException, InterruptedException {
        List<Handshake> handshakes = new ArrayList<>();
        List<Echo> echoes = new ArrayList<>();
        int ignored = 0;
        int eventMark = 0;
        long deadline = System.nanoTime() + options.timeoutNanos();
        while (echoes.size() < options.count()) {
            eventMark = reportHandshakes(driver, eventMark, handshakes, listener);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LiveDriver.TimedPacket p = driver.awaitDeliveredTimed(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
            if (p == null) {
                continue;
            }
            // The packet may have completed a handshake (the responder's key confirmation): report it first.
            eventMark = reportHandshakes(driver, eventMark, handshakes, listener);
            InnerPacket inner = p.packet();
            IcmpEcho.Echo e = IcmpEcho.parse(inner.packet());
            if (e == null || e.type() != IcmpEcho.ECHO_REQUEST || !isOurs(addresses, e.destination())) {
                ignored++;
                continue;
            }
            driver.sendInner(IcmpEcho.replyTo(e));
            Echo answered = new Echo(inner.from(), e, p.atNanos());
            echoes.add(answered);
            listener.echo(answered);
        }
        reportHandshakes(driver, eventMark, handshakes, listener);
        return new Result(driver.localAddress(), handshakes, echoes, ignored, echoes.size() < options.count());
    }

    private static boolean isOurs(List<InterfaceAddress> addresses, byte[] destination) {
        for (InterfaceAddress a : addresses) {
            if (a.address().equals(IpAddress.fromBytes(destination))) {
                return true;
            }
        }
        return false;
    }

    private static int reportHandshakes(LiveDriver driver, int mark, List<Handshake> handshakes, Listener listener) {
        List<LiveDriver.TimedEvent> events = driver.events();
        for (int i = mark; i < events.size(); i++) {
            if (events.get(i).event() instanceof WgEvent.HandshakeCompleted c) {
                InetSocketAddress endpoint = driver.withDevice(d -> {
                    WgPeer peer = d.peer(c.peer());
                    return peer == null ? null : peer.endpoint();
                });
                Handshake h = new Handshake(c.peer(), endpoint, events.get(i).atNanos(),
                        c.role().name().toLowerCase(java.util.Locale.ROOT));
                handshakes.add(h);
                listener.handshake(h);
            }
        }
        return events.size();
    }
}
