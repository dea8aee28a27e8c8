package dev.wgsim.engine.net;

import dev.wgsim.net.InterfaceAddress;

/**
 * An interface that attaches to one end of a point-to-point link. Packets crossing it in either
 * direction are shown to the host's packet observers (capture points) and traced as
 * {@code packet.sent} on the way out.
 */
public final class PhysicalInterface extends NetInterface {
    private LinkPort link;

    PhysicalInterface(Host host, String name, InterfaceAddress address) {
        super(host, name, address);
    }

    /** Attaches this interface to a link end; called by the link. */
    public void attach(LinkPort port) {
        if (this.link != null) {
            throw new IllegalStateException(this + " is already attached to a link");
        }
        this.link = port;
    }

    public LinkPort link() {
        return link;
    }

    @Override
    public void transmit(IpPacket packet) {
        Host host = host();
        if (link == null || !isUp()) {
            host.drop(DropReason.INTERFACE_DOWN, packet);
            return;
        }
        host.observeOut(this, packet);
        link.send(this, packet);
    }

    /** The link delivers {@code packet} to this interface now. */
    public void receiveFromLink(IpPacket packet) {
        Host host = host();
        if (!isUp()) {
            host.drop(DropReason.INTERFACE_DOWN, packet);
            return;
        }
        host.observeIn(packet);
        host.receive(this, packet);
    }
}
