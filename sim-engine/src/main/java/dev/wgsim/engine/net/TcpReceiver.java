package dev.wgsim.engine.net;

/** Takes the TCP segments a host receives for one bound port (the stream package's connections and listeners). */
@FunctionalInterface
public interface TcpReceiver {
    void receive(long nowNanos, IpPacket segment);
}
