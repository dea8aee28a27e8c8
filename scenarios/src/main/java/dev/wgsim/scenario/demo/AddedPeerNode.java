package dev.wgsim.scenario.demo;

import dev.wgsim.engine.link.Link;
import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.engine.net.DecodeResult;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.PhysicalInterface;
import dev.wgsim.engine.net.TunnelDriver;
import dev.wgsim.engine.net.TunnelInterface;
import dev.wgsim.engine.net.UdpReceiver;
import dev.wgsim.engine.net.UdpSocket;
import dev.wgsim.engine.random.RandomStream;
import dev.wgsim.engine.time.EventLoop;
import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.Constants;
import dev.wgsim.wg.device.Datagram;
import dev.wgsim.wg.device.InnerPacket;
import dev.wgsim.wg.device.WgDevice;
import dev.wgsim.wg.device.WgOutput;
import dev.wgsim.wg.device.WgPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The far side of a peer added from the page with a generated key: a host of its own on a 10 ms
 * link to the router wg0's node uses, running a real {@link WgDevice} whose one peer is wg0. It is
 * what makes Recv possible for such a peer (wg0 only ever sees its datagrams, as in life).
 */
final class AddedPeerNode implements TunnelDriver, UdpReceiver {
    private static final long LINK_DELAY_NANOS = 10_000_000L;

    private final Network net;
    private final Host host;
    private final Host router;
    private final PhysicalInterface eth;
    private final PhysicalInterface routerSide;
    private final TunnelInterface tun;
    private final WgDevice device;
    private final UdpSocket socket;
    private final EventLoop loop;
    private long wakeAt = Long.MAX_VALUE;
    private long wakeHandle = EventLoop.NO_EVENT;

    AddedPeerNode(Network net, String name, Host router, IpAddress outer, int listenPort, PrivateKey key,
                  InterfaceAddress tunnelAddress, PublicKey wg0Key, InetSocketAddress wg0Endpoint, IpPrefix wg0Subnet,
                  long wallEpochUnixNanos) {
        this.net = net;
        this.loop = net.loop();
        this.router = router;
        host = net.addHost(name);
        eth = host.addInterface("eth0", new InterfaceAddress(outer, outer.bitLength()));
        routerSide = router.addInterface("demo-" + name, null);
        new Link(net, "demo-" + name, eth, routerSide, LinkConfig.builder().delayNanos(LINK_DELAY_NANOS).build());
        host.setDefaultRoute(eth);
        router.addRoute(IpPrefix.host(outer), routerSide);
        tun = host.addTunnel("wg0", tunnelAddress);
        host.addRoute(wg0Subnet, tun);
        socket = host.bind(listenPort, this);
        tun.setDriver(this);
        RandomStream stream = net.random().stream("demo/" + name + "/wg");
        Entropy entropy = new Entropy() {
            @Override
            public void nextBytes(byte[] b) {
                stream.nextBytes(b);
            }

            @Override
            public int nextInt(int bound) {
                return stream.nextInt(bound);
            }
        };
        device = new WgDevice(key, listenPort, Constants.DEFAULTS, entropy, wallEpochUnixNanos);
        WgPeer wg0 = device.addPeer(wg0Key, PresharedKey.NONE);
        device.setEndpoint(wg0, wg0Endpoint);
        device.addAllowedIp(wg0, dev.wgsim.wg.routing.IpPrefix.parse(wg0Subnet.toString()));
    }

    PrivateKey privateKey() {
        return device.privateKey();
    }

    Host host() {
        return host;
    }

    IpAddress outerAddress() {
        return eth.address();
    }

    /** Moves to a new outer address on the same link; the router's route follows. */
    void roam(IpAddress to) {
        IpAddress old = eth.address();
        host.setAddress(eth, new InterfaceAddress(to, to.bitLength()));
        router.routes().remove(IpPrefix.host(old));
        router.addRoute(IpPrefix.host(to), routerSide);
    }

    @Override
    public void transmit(long now, IpPacket inner) {
        byte[] bytes = inner.toBytes();
        handle(device.sendInner(now, bytes, 0, bytes.length));
    }

    @Override
    public void receive(long now, Endpoint source, Endpoint destination, byte[] payload) {
        handle(device.receive(now, inet(source), payload, 0, payload.length));
    }

    private void onWake() {
        wakeHandle = EventLoop.NO_EVENT;
        wakeAt = Long.MAX_VALUE;
        handle(device.handleTimeout(loop.now()));
    }

    private void handle(WgOutput out) {
        for (Datagram d : out.datagrams()) {
            socket.send(new Endpoint(IpAddress.fromBytes(d.to().getAddress().getAddress()), d.to().getPort()), d.bytes());
        }
        // Delivering can re-enter the device and reset its output: copy first.
        InnerPacket[] delivered = out.delivered().toArray(new InnerPacket[0]);
        for (InnerPacket p : delivered) {
            DecodeResult r = IpPacket.decode(p.packet());
            if (r.packet() != null) {
                tun.deliver(r.packet());
            }
        }
        long next = device.nextTimeout();
        if (next != wakeAt) {
            if (wakeHandle != EventLoop.NO_EVENT) {
                loop.cancel(wakeHandle);
                wakeHandle = EventLoop.NO_EVENT;
            }
            wakeAt = next;
            if (next != Long.MAX_VALUE) {
                wakeHandle = loop.schedule(Math.max(next, loop.now()), this::onWake);
            }
        }
    }

    private static InetSocketAddress inet(Endpoint e) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(e.address().toBytes()), e.port());
        } catch (UnknownHostException ex) {
            throw new IllegalStateException("a literal address cannot be unknown", ex);
        }
    }
}
