package dev.wgsim.wg.noise;

import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.Arrays;

/**
 * One peer's handshake state: chaining key, transcript hash, ephemerals, indices, and the replay
 * and flood memory that outlives sessions (greatest timestamp, last accepted initiation).
 */
public final class Handshake {
    private final PublicKey remoteStatic;
    /** The local static key the static-static DH is (or will be) computed with. */
    private PrivateKey localStatic;
    /**
     * DH(Spriv_local, Spub_remote), computed on first use (the first handshake message to or from
     * the peer) and again after the local private key changes; null when all-zero. wireguard-go
     * computes it when the peer is added; the value, and so every outcome, is the same, but a
     * device with thousands of idle peers (a tailnet's full netmap) then costs one X25519 per peer
     * it actually talks to rather than per peer it knows.
     */
    private byte[] precomputedStaticStatic;
    private boolean staticStaticComputed;
    private PresharedKey presharedKey;

    HandshakeState state = HandshakeState.ZEROED;
    byte[] hash = new byte[32];
    byte[] chainKey = new byte[32];
    PrivateKey localEphemeral;
    byte[] remoteEphemeral = new byte[32];
    int localIndex;
    int remoteIndex;
    /** Greatest TAI64N accepted from this peer (zeros = none yet). */
    final byte[] latestTimestamp = new byte[12];
    boolean hasConsumedInitiation;
    long lastInitiationConsumedNanos;

    public Handshake(PrivateKey localStatic, PublicKey remoteStatic, PresharedKey presharedKey) {
        this.remoteStatic = remoteStatic;
        this.presharedKey = presharedKey == null ? PresharedKey.NONE : presharedKey;
        this.localStatic = localStatic;
    }

    private static byte[] staticStatic(PrivateKey localStatic, PublicKey remoteStatic) {
        byte[] ss = new byte[32];
        return dev.wgsim.wg.crypto.X25519.agree(localStatic, remoteStatic, ss) ? ss : null;
    }

    /**
     * Redoes the static-static DH for a new local private key (wireguard-go SetPrivateKey); the
     * replay and flood memory (greatest timestamp, last accepted initiation) stay, as there.
     */
    public void changeLocalStatic(PrivateKey localStatic) {
        if (precomputedStaticStatic != null) {
            Arrays.fill(precomputedStaticStatic, (byte) 0);
        }
        precomputedStaticStatic = null;
        staticStaticComputed = false;
        this.localStatic = localStatic;
    }

    public PublicKey remoteStatic() {
        return remoteStatic;
    }

    public HandshakeState state() {
        return state;
    }

    public int localIndex() {
        return localIndex;
    }

    public int remoteIndex() {
        return remoteIndex;
    }

    public PresharedKey presharedKey() {
        return presharedKey;
    }

    public void setPresharedKey(PresharedKey q) {
        this.presharedKey = q == null ? PresharedKey.NONE : q;
    }

    /** The ephemeral private key of the handshake in flight (for Wireshark keylogs); null when none. */
    public PrivateKey localEphemeral() {
        return localEphemeral;
    }

    /** Whether the static-static agreement is done (the next handshake step does not pay its X25519). */
    public boolean staticStaticKnown() {
        return staticStaticComputed;
    }

    byte[] precomputedStaticStatic() {
        if (!staticStaticComputed) {
            precomputedStaticStatic = staticStatic(localStatic, remoteStatic);
            staticStaticComputed = true;
        }
        return precomputedStaticStatic;
    }

    /** Copy of the transcript hash H (tests and diagnostics). */
    public byte[] hash() {
        return hash.clone();
    }

    /** Copy of the chaining key C (tests and diagnostics). */
    public byte[] chainKey() {
        return chainKey.clone();
    }

    /** Erases C, H and ephemerals (after a session is derived, or when keys are zeroed). */
    public void clear() {
        Arrays.fill(hash, (byte) 0);
        Arrays.fill(chainKey, (byte) 0);
        Arrays.fill(remoteEphemeral, (byte) 0);
        localEphemeral = null;
        localIndex = 0;
        remoteIndex = 0;
        state = HandshakeState.ZEROED;
    }
}
