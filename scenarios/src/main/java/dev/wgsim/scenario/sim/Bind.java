package dev.wgsim.scenario.sim;

import java.net.InetSocketAddress;

/**
 * What a WireGuard interface sends and receives its datagrams through, below the device (as
 * wireguard-go's {@code conn.Bind}): by default {@link UdpBind}, the host's UDP port; a layer that
 * owns path choice (a tailnet client sharing the port with disco and STUN, relaying over DERP) passes
 * its own to {@link Simulation#addWireGuard(String, dev.wgsim.scenario.model.WireGuardSpec, Bind)}.
 * The addresses are the device's endpoints: whatever a receiver reports as {@code from} is what the
 * device will later send {@code to}.
 */
public interface Bind {
    /** Starts receiving on {@code port} (0: pick a free one) and returns the port actually used. */
    int open(int port, Receiver receiver);

    /** Sends one datagram of the device's to {@code to}, now. */
    void send(long now, InetSocketAddress to, byte[] datagram);

    /** Marks the device's own datagrams (wg's fwmark) so policy routing can keep them out of the tunnel. */
    void setMark(long mark);

    /** The mark set by {@link #setMark}; 0 for none. */
    long mark();

    /** Stops receiving for good (the interface is deleted). */
    void close();

    /** Where a bind hands the datagrams it receives: the device's input. */
    @FunctionalInterface
    interface Receiver {
        void receive(long now, InetSocketAddress from, byte[] datagram);
    }
}
