package dev.wgsim.wg.device;

import dev.wgsim.wg.crypto.PublicKey;

/** A decrypted, checked inner IP packet (trimmed to its IP length) to hand to the local stack. */
public record InnerPacket(PublicKey from, byte[] packet) {}
