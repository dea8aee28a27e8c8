package dev.wgsim.engine.net;

/**
 * A UDP port bound on a host (on all its addresses). The source address of each datagram is the
 * address of the interface the route picks at send time, so a host that changes address (roaming)
 * keeps its sockets and its new packets carry the new source.
 */
public final class UdpSocket {
    private final Host host;
    private final int port;
    private final UdpReceiver receiver;
    private boolean open = true;
    private long mark;

    UdpSocket(Host host, int port, UdpReceiver receiver) {
        this.host = host;
        this.port = port;
        this.receiver = receiver;
    }

    public Host host() {
        return host;
    }

    public int port() {
        return port;
    }

    UdpReceiver receiver() {
        return receiver;
    }

    public boolean isOpen() {
        return open;
    }

    /** Sends {@code payload} (owned by the packet afterwards) to {@code destination}; see {@link Host#sendUdp}. */
    public void send(Endpoint destination, byte[] payload) {
        if (!open) {
            throw new IllegalStateException("socket on port " + port + " of " + host.name() + " is closed");
        }
        host.sendUdp(port, destination, payload, mark);
    }

    /**
     * Marks this socket's datagrams with a firewall mark ({@code SO_MARK}; WireGuard's FwMark) that
     * policy routing rules can match; 0 is no mark.
     */
    public void setMark(long mark) {
        if (mark < 0 || mark > 0xffffffffL) {
            throw new IllegalArgumentException("mark outside 0..0xffffffff: " + mark);
        }
        this.mark = mark;
    }

    public long mark() {
        return mark;
    }

    /** Unbinds the port; later datagrams to it are dropped as {@code port_unreachable}. */
    public void close() {
        if (open) {
            open = false;
            host.unbind(port);
        }
    }
}
