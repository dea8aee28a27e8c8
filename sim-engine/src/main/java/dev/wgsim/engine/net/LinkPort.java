package dev.wgsim.engine.net;

/** The side of a link an interface sends into (implemented by the link package). */
public interface LinkPort {
    /** Carries {@code packet}, sent by {@code from}, towards the link's other end. */
    void send(PhysicalInterface from, IpPacket packet);
}
