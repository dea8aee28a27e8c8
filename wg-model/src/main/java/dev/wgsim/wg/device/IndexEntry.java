package dev.wgsim.wg.device;

/** What a local index names: a peer's pending handshake (keypair null) or one of its keypairs. */
record IndexEntry(WgPeer peer, Keypair keypair) {}
