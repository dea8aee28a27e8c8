package dev.wgsim.wg.device;

import dev.wgsim.wg.crypto.PublicKey;

/** One dropped datagram or packet: the reason, the peer when known (else null), and its length. */
public record Drop(DropReason reason, PublicKey peer, int length) {}
