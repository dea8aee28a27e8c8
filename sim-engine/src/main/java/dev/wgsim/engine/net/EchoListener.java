package dev.wgsim.engine.net;

/** Receives ICMP / ICMPv6 echo replies for one echo identifier (a ping process). */
@FunctionalInterface
public interface EchoListener {
    void onEchoReply(long nowNanos, IpPacket reply);
}
