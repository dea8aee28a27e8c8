package dev.wgsim.scenario.tailnet.disco;

/** Why a datagram that carries the disco magic was dropped; counted, never thrown. */
public enum DiscoDrop {
    /** Magic present but shorter than magic + key + nonce + box tag. */
    SHORT_FRAME("disco-short-frame"),
    /** The sender's disco key belongs to no peer in the netmap. */
    UNKNOWN_SENDER("disco-unknown-sender"),
    /** The NaCl box did not open (wrong key, tampered, or a low-order sender key). */
    UNDECRYPTABLE("disco-undecryptable"),
    /** The plaintext is shorter than its message type needs. */
    SHORT_MESSAGE("disco-short-message"),
    /** A message type this client does not know. */
    UNKNOWN_TYPE("disco-unknown-type");

    private final String label;

    DiscoDrop(String label) {
        this.label = label;
    }

    /** The drop reason as the event log and drops.csv name it. */
    public String label() {
        return label;
    }
}
