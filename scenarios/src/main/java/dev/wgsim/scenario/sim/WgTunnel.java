package dev.wgsim.scenario.sim;

import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.TunnelDriver;
import dev.wgsim.engine.net.TunnelInterface;
import dev.wgsim.engine.time.EventLoop;
import dev.wgsim.engine.time.Wakeup;
import dev.wgsim.engine.trace.Trace;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.Datagram;
import dev.wgsim.wg.device.Drop;
import dev.wgsim.wg.device.InnerPacket;
import dev.wgsim.wg.device.WgDevice;
import dev.wgsim.wg.device.WgEvent;
import dev.wgsim.wg.device.WgOutput;
import dev.wgsim.wg.device.WgPeer;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The tunnel interface adapter of one WireGuard node: inner packets the host routes into
 * {@code wg0} go to {@link WgDevice#sendInner}; datagrams arriving at the listen port go to
 * {@link WgDevice#receive}; the device's datagrams leave through its {@link Bind} (the UDP port) and its decrypted
 * packets enter the host through the tunnel interface. Exactly one wake-up is scheduled, at the
 * device's {@link WgDevice#nextTimeout()}, moved whenever that changes.
 */
public final class WgTunnel implements TunnelDriver {
    private final String node;
    private final Host host;
    private final TunnelInterface tun;
    private final EventLoop loop;
    private final Trace trace;
    private final Network network;
    private final Map<PublicKey, String> peerNames;
    private final Map<String, PublicKey> peersByName = new HashMap<>();
    private WgDevice device;
    private final Bind bind;
    private final Wakeup wakeup;
    private final java.util.Set<PublicKey> rotatedOnce = new java.util.HashSet<>();
    private boolean closed;

    WgTunnel(String node, Host host, TunnelInterface tun, Bind bind, Map<PublicKey, String> peerNames) {
        this.node = node;
        this.bind = bind;
        this.host = host;
        this.tun = tun;
        this.network = host.network();
        this.loop = network.loop();
        this.wakeup = new Wakeup(loop, this::onWake);
        this.trace = network.trace();
        this.peerNames = peerNames;
    }

    /** Binds the listen port (0 picks an ephemeral one) and returns the port bound. */
    int bind(int port) {
        int bound = bind.open(port, this::receive);
        tun.setDriver(this);
        return bound;
    }

    /** Marks the device's own datagrams (wg's fwmark), so policy rules can keep them out of the tunnel. */
    void setFwmark(long mark) {
        bind.setMark(mark);
    }

    /** The firewall mark on the device's own datagrams (wg show's fwmark); 0 for none. */
    public long fwmark() {
        return bind.mark();
    }

    void attach(WgDevice dev) {
        this.device = dev;
    }

    public WgDevice device() {
        return device;
    }

    public String node() {
        return node;
    }

    Host host() {
        return host;
    }

    TunnelInterface tun() {
        return tun;
    }

    /** Runs a configuration change that produces no output but may move the device's next deadline. */
    void reconfigure(Runnable change) {
        change.run();
        rearm();
    }

    /**
     * Detaches for good (the interface is deleted): the wake-up is cancelled, the port unbound, and
     * the tunnel interface no longer driven, so nothing of this device runs again.
     */
    void close() {
        wakeup.cancel();
        closed = true;
        bind.close();
    }

    boolean hasPeerNamed(String name) {
        return peersByName.containsKey(name);
    }

    void forgetPeer(PublicKey key) {
        String name = peerNames.remove(key);
        if (name != null) {
            peersByName.remove(name, key);
        }
        rotatedOnce.remove(key);
    }

    String peerName(PublicKey key) {
        if (key == null) {
            return "";
        }
        String n = peerNames.get(key);
        return n != null ? n : key.toBase64().substring(0, 8);
    }

    void namePeer(PublicKey key, String name) {
        String old = peerNames.put(key, name);
        if (old != null) {
            peersByName.remove(old, key);
        }
        peersByName.put(name, key);
    }

    /**
     * Where inner packets are serialised for the device: it reads them during the call only (it
     * seals straight into its datagram, or copies what it queues), so one buffer per thread serves
     * every tunnel of the simulation and no packet allocates its wire bytes.
     */
    private static final ThreadLocal<byte[]> WIRE = ThreadLocal.withInitial(() -> new byte[2048]);

    @Override
    public void transmit(long now, IpPacket inner) {
        if (closed) {
            return;
        }
        int len = inner.wireLength();
        byte[] wire = WIRE.get();
        if (wire.length < len) {
            wire = new byte[Math.max(len, 2 * wire.length)];
            WIRE.set(wire);
        }
        inner.writeTo(wire, 0);
        handle(now, device.sendInner(now, wire, 0, len));
    }

    /** A datagram for the device arrives through the bind. */
    private void receive(long now, InetSocketAddress from, byte[] payload) {
        if (closed) {
            return;
        }
        handle(now, device.receive(now, from, payload, 0, payload.length));
    }

    /** Runs a configuration call that may produce output (e.g. enabling persistent keepalive). */
    void apply(long now, Supplier<WgOutput> call) {
        handle(now, call.get());
    }

    private void onWake() {
        long now = loop.now();
        handle(now, device.handleTimeout(now));
    }

    /** Sends, traces and delivers one output; the output is reused by the device, so deliveries go last. */
    private void handle(long now, WgOutput out) {
        List<WgEvent> events = out.events();
        for (int i = 0; i < events.size(); i++) {
            event(now, events.get(i));
        }
        List<Drop> drops = out.drops();
        for (int i = 0; i < drops.size(); i++) {
            Drop d = drops.get(i);
            // Counted into drops.csv by the engine's TraceMetricsListener, like network drops.
            if (trace.active()) {
                trace.emit(new WgTraceEvents.Dropped(now, node, peerName(d.peer()), d.reason().label(), d.length()));
            }
        }
        List<Datagram> datagrams = out.datagrams();
        for (int i = 0; i < datagrams.size(); i++) {
            Datagram d = datagrams.get(i);
            bind.send(now, d.to(), d.bytes());
        }
        List<InnerPacket> delivered = out.delivered();
        if (!delivered.isEmpty()) {
            // A delivered packet is a view of the device's receive buffer, and delivering can re-enter
            // the device (an echo reply routed back into wg0), which resets its output: decode them
            // all into packets of their own first. Authenticated by the device (Poly1305 over every
            // byte): like Linux's WireGuard, the inner transport checksum is not verified again.
            IpPacket[] packets = new IpPacket[delivered.size()];
            for (int i = 0; i < packets.length; i++) {
                InnerPacket p = delivered.get(i);
                packets[i] = IpPacket.decodeAuthenticated(p.buffer(), 0, p.length()).packet();
            }
            for (IpPacket packet : packets) {
                if (packet != null) {
                    tun.deliver(packet);
                }
            }
        }
        rearm();
    }

    private void rearm() {
        if (closed) {
            return;
        }
        wakeup.at(device.nextTimeout());
    }

    private void event(long now, WgEvent e) {
        if (e instanceof WgEvent.KeypairRotated x) {
            // "rekey" means an older current keypair was replaced: the first rotation after a
            // fresh start (or after keys were zeroed) is not one.
            boolean rekey = !rotatedOnce.add(x.peer());
            emit(new WgTraceEvents.KeypairRotated(now, node, peerName(x.peer()), rekey, role(x.role())));
        } else if (e instanceof WgEvent.KeysZeroed x) {
            rotatedOnce.remove(x.peer());
            emit(new WgTraceEvents.KeysZeroed(now, node, peerName(x.peer())));
        } else if (!trace.active()) {
            return;
        } else if (e instanceof WgEvent.HandshakeInitiated x) {
            emit(new WgTraceEvents.HandshakeInitiated(now, node, peerName(x.peer()), x.retry(), x.attempt()));
        } else if (e instanceof WgEvent.HandshakeCompleted x) {
            emit(new WgTraceEvents.HandshakeCompleted(now, node, peerName(x.peer()), role(x.role())));
        } else if (e instanceof WgEvent.SessionDerived x) {
            emit(new WgTraceEvents.SessionDerived(now, node, peerName(x.peer()), role(x.role()),
                    Integer.toUnsignedLong(x.localIndex())));
        } else if (e instanceof WgEvent.EndpointChanged x) {
            emit(new WgTraceEvents.EndpointChanged(now, node, peerName(x.peer()),
                    AddressConversion.endpointText(x.oldEndpoint()), AddressConversion.endpointText(x.newEndpoint())));
        } else if (e instanceof WgEvent.GaveUp x) {
            emit(new WgTraceEvents.GaveUp(now, node, peerName(x.peer()), attempts(x.peer()), x.droppedPackets()));
        } else if (e instanceof WgEvent.CookieSent x) {
            emit(new WgTraceEvents.CookieSent(now, node, peerName(x.peer()), AddressConversion.endpointText(x.to())));
        } else if (e instanceof WgEvent.CookieReceived x) {
            emit(new WgTraceEvents.CookieReceived(now, node, peerName(x.peer())));
        } else if (e instanceof WgEvent.KeepaliveSent x) {
            emit(new WgTraceEvents.KeepaliveSent(now, node, peerName(x.peer()), x.persistent()));
        }
        // HandshakeResponded has no kind of its own: the responder's wg.handshake.completed follows.
    }

    private void emit(dev.wgsim.engine.trace.TraceEvent e) {
        if (trace.active()) {
            trace.emit(e);
        }
    }

    private int attempts(PublicKey key) {
        WgPeer p = device.peer(key);
        return p == null ? 0 : p.handshakeAttempts();
    }

    private static String role(dev.wgsim.wg.device.Role r) {
        return r.name().toLowerCase(java.util.Locale.ROOT);
    }
}
