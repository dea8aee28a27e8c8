package dev.wgsim.wg.device;

/** A peer's three keypair slots (§5.3): all three decrypt, only {@code current} encrypts. */
final class Keypairs {
    Keypair previous;
    Keypair current;
    Keypair next;
}
