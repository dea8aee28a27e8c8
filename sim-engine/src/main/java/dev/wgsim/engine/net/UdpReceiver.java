package dev.wgsim.engine.net;

/** Receives datagrams arriving at a bound UDP port. */
@FunctionalInterface
public interface UdpReceiver {
    /**
     * A datagram from {@code source} to {@code destination} (the local address and port it was sent to)
     * arrived at virtual time {@code nowNanos}. The payload array belongs to the receiver.
     */
    void receive(long nowNanos, Endpoint source, Endpoint destination, byte[] payload);
}
