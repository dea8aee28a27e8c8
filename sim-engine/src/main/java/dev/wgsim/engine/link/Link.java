package dev.wgsim.engine.link;

import dev.wgsim.engine.net.DropReason;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.LinkPort;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.PacketObserver;
import dev.wgsim.engine.net.PhysicalInterface;
import dev.wgsim.net.InterfaceAddress;
import java.util.Arrays;

/**
 * A point-to-point link between two physical interfaces, with an independent {@link LinkDirection}
 * (delay, jitter, rate and queue, loss, duplication, reordering, MTU) each way and a shared up/down
 * state. Observers attached to the link see every packet offered to it, in either direction, before
 * the link acts on it (like a capture on the sending interface).
 */
public final class Link implements LinkPort {
    private final Network network;
    private final String name;
    private final PhysicalInterface a;
    private final PhysicalInterface b;
    private final LinkDirection ab;
    private final LinkDirection ba;
    private boolean up = true;
    private PacketObserver[] observers = new PacketObserver[0];

    /**
     * Connects {@code a} and {@code b}; {@code aToB} shapes packets from a to b, {@code bToA} the other way.
     * Random streams are named {@code link/<name>/ab/...} and {@code link/<name>/ba/...}.
     */
    public Link(Network network, String name, PhysicalInterface a, PhysicalInterface b, LinkConfig aToB, LinkConfig bToA) {
        if (network == null || name == null || name.isEmpty() || a == null || b == null) {
            throw new IllegalArgumentException("a link needs a network, a name and two interfaces");
        }
        if (a == b) {
            throw new IllegalArgumentException("link " + name + " connects " + a + " to itself");
        }
        this.network = network;
        this.name = name;
        this.a = a;
        this.b = b;
        this.ab = new LinkDirection(this, "ab", b, aToB);
        this.ba = new LinkDirection(this, "ba", a, bToA);
        a.attach(this);
        b.attach(this);
    }

    /** A symmetric link: the same configuration both ways. */
    public Link(Network network, String name, PhysicalInterface a, PhysicalInterface b, LinkConfig both) {
        this(network, name, a, b, both, both);
    }

    /**
     * Adds an interface to each host and links them: the usual way to build a topology.
     * {@code aToB} shapes packets from {@code a} to {@code b}, {@code bToA} the other way.
     */
    public static Link connect(Network network, String name, Host a, String ifA, InterfaceAddress addrA,
            Host b, String ifB, InterfaceAddress addrB, LinkConfig aToB, LinkConfig bToA) {
        return new Link(network, name, a.addInterface(ifA, addrA), b.addInterface(ifB, addrB), aToB, bToA);
    }

    public String name() {
        return name;
    }

    public Network network() {
        return network;
    }

    public PhysicalInterface a() {
        return a;
    }

    public PhysicalInterface b() {
        return b;
    }

    /** Direction a to b. */
    public LinkDirection aToB() {
        return ab;
    }

    /** Direction b to a. */
    public LinkDirection bToA() {
        return ba;
    }

    public boolean isUp() {
        return up;
    }

    /** Takes the link up or down now; packets offered or in flight while down are dropped as {@code link_down}. */
    public void setUp(boolean up) {
        if (this.up == up) {
            return;
        }
        this.up = up;
        if (network.trace().active()) {
            network.trace().emit(new LinkStateChanged(network.now(), name, up));
        }
    }

    /** Schedules the link to go down at {@code atNanos} and, if {@code upAtNanos >= 0}, back up then. */
    public void scheduleOutage(long atNanos, long upAtNanos) {
        if (upAtNanos >= 0 && upAtNanos < atNanos) {
            throw new IllegalArgumentException("link " + name + ": up time " + upAtNanos + " is before down time " + atNanos);
        }
        network.at(atNanos, () -> setUp(false));
        if (upAtNanos >= 0) {
            network.at(upAtNanos, () -> setUp(true));
        }
    }

    /** Shows every packet offered to the link to {@code observer} (e.g. a pcap writer). */
    public void addObserver(PacketObserver observer) {
        PacketObserver[] next = Arrays.copyOf(observers, observers.length + 1);
        next[observers.length] = observer;
        observers = next;
    }

    @Override
    public void send(PhysicalInterface from, IpPacket packet) {
        for (PacketObserver o : observers) {
            o.onPacket(network.now(), packet);
        }
        if (from == a) {
            ab.send(packet);
        } else if (from == b) {
            ba.send(packet);
        } else {
            throw new IllegalArgumentException(from + " is not attached to link " + name);
        }
    }

    void drop(DropReason reason, IpPacket packet) {
        network.drop(name, true, reason, packet);
    }

    @Override
    public String toString() {
        return name + " (" + a + " <-> " + b + ")";
    }
}
