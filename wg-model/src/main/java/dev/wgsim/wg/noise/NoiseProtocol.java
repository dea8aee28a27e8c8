package dev.wgsim.wg.noise;

import dev.wgsim.wg.crypto.ChaChaPoly;
import dev.wgsim.wg.crypto.Kdf;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.crypto.Tai64n;
import dev.wgsim.wg.crypto.X25519;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The four handshake steps of WIREGUARD.md §3 for one local static identity (wireguard-go
 * CreateMessageInitiation, ConsumeMessageInitiation, CreateMessageResponse,
 * ConsumeMessageResponse, BeginSymmetricSession). Ephemeral keys, timestamps and indices are
 * passed in, so the steps are deterministic. mac1/mac2 are added by {@link CookieGenerator}.
 */
public final class NoiseProtocol {
    /** wireguard-go HandshakeInitationRate: 50 initiations per second per peer. */
    public static final long INITIATION_FLOOD_NANOS = 20_000_000L;
    private static final byte[] EMPTY = new byte[0];

    private final PrivateKey localStatic;
    private final PublicKey localPublic;
    private final long floodNanos;
    /** H after mixing our own static key: the responder's starting transcript. */
    private final byte[] responderInitialHash;

    public NoiseProtocol(PrivateKey localStatic) {
        this(localStatic, INITIATION_FLOOD_NANOS);
    }

    /** @param floodNanos minimum spacing of accepted initiations per peer (20 ms by default) */
    public NoiseProtocol(PrivateKey localStatic, long floodNanos) {
        this.localStatic = localStatic;
        this.floodNanos = floodNanos;
        this.localPublic = localStatic.publicKey();
        this.responderInitialHash = NoiseConstants.initialHash();
        Symmetric.mixHash(responderInitialHash, localPublic.bytes());
    }

    public PublicKey localPublic() {
        return localPublic;
    }

    /**
     * Builds message 1 (without macs) for {@code hs}'s peer. Returns null when a DH is all-zero.
     * On success the handshake is in state initiation-created with local index {@code senderIndex}.
     */
    public MessageInitiation createInitiation(Handshake hs, PrivateKey ephemeral, byte[] timestamp, int senderIndex) {
        byte[] ss = hs.precomputedStaticStatic();
        if (ss == null) {
            return null;
        }
        byte[] c = NoiseConstants.initialChainKey();
        byte[] h = NoiseConstants.initialHash();
        Symmetric.mixHash(h, hs.remoteStatic().bytes());

        MessageInitiation msg = MessageInitiation.blank();
        byte[] m = msg.bytes();
        Bytes.putLe32(m, MessageInitiation.OFF_SENDER, senderIndex);
        ephemeral.publicKey().copyTo(m, MessageInitiation.OFF_EPHEMERAL);
        Symmetric.mixKey(c, ephemeral.publicKey().bytes());
        Symmetric.mixHash(h, m, MessageInitiation.OFF_EPHEMERAL, 32);

        byte[] es = new byte[32];
        if (!X25519.agree(ephemeral, hs.remoteStatic(), es)) {
            return null;
        }
        byte[] k = Symmetric.mixKeyAndGetKey(c, es);
        ChaChaPoly.seal(k, 0, localPublic.bytes(), 0, 32, h, m, MessageInitiation.OFF_STATIC);
        Symmetric.mixHash(h, m, MessageInitiation.OFF_STATIC, 48);

        k = Symmetric.mixKeyAndGetKey(c, ss);
        ChaChaPoly.seal(k, 0, timestamp, 0, Tai64n.LENGTH, h, m, MessageInitiation.OFF_TIMESTAMP);
        Symmetric.mixHash(h, m, MessageInitiation.OFF_TIMESTAMP, 28);

        hs.chainKey = c;
        hs.hash = h;
        hs.localEphemeral = ephemeral;
        hs.localIndex = senderIndex;
        hs.state = HandshakeState.INITIATION_CREATED;
        return msg;
    }

    /**
     * Consumes message 1 (mac1 already checked). {@code peers} maps a decrypted static key to that
     * peer's handshake, or null. Nothing is modified unless every check of §3.2 passes.
     */
    public ConsumedInitiation consumeInitiation(MessageInitiation msg, long nowNanos,
                                                Function<PublicKey, Handshake> peers) {
        byte[] m = msg.bytes();
        byte[] c = NoiseConstants.initialChainKey();
        byte[] h = responderInitialHash.clone();
        byte[] epub = Arrays.copyOfRange(m, MessageInitiation.OFF_EPHEMERAL, MessageInitiation.OFF_EPHEMERAL + 32);
        Symmetric.mixKey(c, epub);
        Symmetric.mixHash(h, epub);

        byte[] es = new byte[32];
        if (!X25519.agree(localStatic.bytes(), epub, es)) {
            return new ConsumedInitiation(null, HandshakeRejection.BAD_DH);
        }
        byte[] k = Symmetric.mixKeyAndGetKey(c, es);
        byte[] peerStatic = new byte[32];
        if (!ChaChaPoly.open(k, 0, m, MessageInitiation.OFF_STATIC, 48, h, peerStatic, 0)) {
            return new ConsumedInitiation(null, HandshakeRejection.DECRYPT_FAILED);
        }
        Symmetric.mixHash(h, m, MessageInitiation.OFF_STATIC, 48);

        Handshake hs = peers.apply(PublicKey.of(peerStatic));
        if (hs == null) {
            return new ConsumedInitiation(null, HandshakeRejection.UNKNOWN_PEER);
        }
        byte[] ss = hs.precomputedStaticStatic();
        if (ss == null) {
            return new ConsumedInitiation(null, HandshakeRejection.BAD_DH);
        }
        k = Symmetric.mixKeyAndGetKey(c, ss);
        byte[] timestamp = new byte[Tai64n.LENGTH];
        if (!ChaChaPoly.open(k, 0, m, MessageInitiation.OFF_TIMESTAMP, 28, h, timestamp, 0)) {
            return new ConsumedInitiation(null, HandshakeRejection.DECRYPT_FAILED);
        }
        Symmetric.mixHash(h, m, MessageInitiation.OFF_TIMESTAMP, 28);

        if (!Tai64n.after(timestamp, hs.latestTimestamp)) {
            return new ConsumedInitiation(null, HandshakeRejection.STALE_TIMESTAMP);
        }
        if (hs.hasConsumedInitiation && nowNanos - hs.lastInitiationConsumedNanos <= floodNanos) {
            return new ConsumedInitiation(null, HandshakeRejection.FLOOD);
        }

        hs.hash = h;
        hs.chainKey = c;
        hs.remoteEphemeral = epub;
        hs.remoteIndex = msg.sender();
        System.arraycopy(timestamp, 0, hs.latestTimestamp, 0, Tai64n.LENGTH);
        hs.hasConsumedInitiation = true;
        hs.lastInitiationConsumedNanos = nowNanos;
        hs.state = HandshakeState.INITIATION_CONSUMED;
        return new ConsumedInitiation(hs, null);
    }

    /** Builds message 2 (without macs) after a consumed initiation; null on a zero DH. */
    public MessageResponse createResponse(Handshake hs, PrivateKey ephemeral, int senderIndex) {
        if (hs.state != HandshakeState.INITIATION_CONSUMED) {
            throw new IllegalStateException("no consumed initiation to respond to: " + hs.state);
        }
        byte[] c = hs.chainKey.clone();
        byte[] h = hs.hash.clone();
        MessageResponse msg = MessageResponse.blank();
        byte[] m = msg.bytes();
        Bytes.putLe32(m, MessageResponse.OFF_SENDER, senderIndex);
        Bytes.putLe32(m, MessageResponse.OFF_RECEIVER, hs.remoteIndex);
        ephemeral.publicKey().copyTo(m, MessageResponse.OFF_EPHEMERAL);
        Symmetric.mixKey(c, ephemeral.publicKey().bytes());
        Symmetric.mixHash(h, m, MessageResponse.OFF_EPHEMERAL, 32);

        byte[] dh = new byte[32];
        if (!X25519.agree(ephemeral.bytes(), hs.remoteEphemeral, dh)) {
            return null;
        }
        Symmetric.mixKey(c, dh);
        if (!X25519.agree(ephemeral, hs.remoteStatic(), dh)) {
            return null;
        }
        Symmetric.mixKey(c, dh);
        finishResponseTranscript(c, h, hs, m, true);

        hs.chainKey = c;
        hs.hash = h;
        hs.localEphemeral = ephemeral;
        hs.localIndex = senderIndex;
        hs.state = HandshakeState.RESPONSE_CREATED;
        return msg;
    }

    /** "psk" and the empty AEAD: seals (responder) or opens (initiator) the empty field. */
    private static boolean finishResponseTranscript(byte[] c, byte[] h, Handshake hs, byte[] m, boolean seal) {
        byte[][] t = Kdf.kdf3(c, hs.presharedKey().bytes());
        System.arraycopy(t[0], 0, c, 0, 32);
        Symmetric.mixHash(h, t[1]);
        if (seal) {
            ChaChaPoly.seal(t[2], 0, EMPTY, 0, 0, h, m, MessageResponse.OFF_EMPTY);
        } else if (!ChaChaPoly.open(t[2], 0, m, MessageResponse.OFF_EMPTY, 16, h, EMPTY, 0)) {
            return false;
        }
        Symmetric.mixHash(h, m, MessageResponse.OFF_EMPTY, 16);
        return true;
    }

    /**
     * Consumes message 2 for the handshake its receiver index named (mac1 already checked).
     * Returns null on success (state response-consumed), else the rejection; nothing changes on
     * rejection.
     */
    public HandshakeRejection consumeResponse(MessageResponse msg, Handshake hs) {
        if (hs.state != HandshakeState.INITIATION_CREATED || hs.localIndex != msg.receiver()) {
            return HandshakeRejection.WRONG_STATE;
        }
        byte[] m = msg.bytes();
        byte[] c = hs.chainKey.clone();
        byte[] h = hs.hash.clone();
        byte[] epub = Arrays.copyOfRange(m, MessageResponse.OFF_EPHEMERAL, MessageResponse.OFF_EPHEMERAL + 32);
        Symmetric.mixKey(c, epub);
        Symmetric.mixHash(h, epub);
        byte[] dh = new byte[32];
        if (!X25519.agree(hs.localEphemeral.bytes(), epub, dh)) {
            return HandshakeRejection.BAD_DH;
        }
        Symmetric.mixKey(c, dh);
        if (!X25519.agree(localStatic.bytes(), epub, dh)) {
            return HandshakeRejection.BAD_DH;
        }
        Symmetric.mixKey(c, dh);
        if (!finishResponseTranscript(c, h, hs, m, false)) {
            return HandshakeRejection.DECRYPT_FAILED;
        }
        hs.chainKey = c;
        hs.hash = h;
        hs.remoteEphemeral = epub;
        hs.remoteIndex = msg.sender();
        hs.state = HandshakeState.RESPONSE_CONSUMED;
        return null;
    }

    /**
     * (T1, T2) = KDF2(C, ε) and erase the handshake (§3.5). Valid after response-consumed
     * (initiator) or response-created (responder).
     */
    public SessionKeys beginSymmetricSession(Handshake hs) {
        boolean initiator;
        if (hs.state == HandshakeState.RESPONSE_CONSUMED) {
            initiator = true;
        } else if (hs.state == HandshakeState.RESPONSE_CREATED) {
            initiator = false;
        } else {
            throw new IllegalStateException("no completed handshake: " + hs.state);
        }
        byte[][] t = Kdf.kdf2(hs.chainKey, EMPTY);
        SessionKeys keys = initiator
                ? new SessionKeys(t[0], t[1], true, hs.localIndex, hs.remoteIndex)
                : new SessionKeys(t[1], t[0], false, hs.localIndex, hs.remoteIndex);
        hs.clear();
        return keys;
    }
}
