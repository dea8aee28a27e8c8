package dev.wgsim.wg.device;

import java.net.InetSocketAddress;

/** A UDP payload to transmit from the device's listen port to {@code to}; {@code bytes} is owned by the receiver. */
public record Datagram(InetSocketAddress to, byte[] bytes) {}
