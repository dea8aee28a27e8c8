package dev.wgsim.scenario.tailnet.disco;

import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.NaclBox;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.HashMap;
import java.util.Map;

/**
 * One node's disco sealing: {@code magic(6) || sender disco public key(32) || nonce(24) ||
 * box(tag 16 || plaintext)} with the box key of (our disco private key, the peer's disco public key).
 * Box keys are computed once per peer and kept, as magicsock's discoInfo does.
 */
public final class DiscoFrame {
    /** "TS💬": 'T', 'S' and U+1F4AC in UTF-8. */
    private static final byte[] MAGIC = {0x54, 0x53, (byte) 0xf0, (byte) 0x9f, (byte) 0x92, (byte) 0xac};
    public static final int HEADER_LENGTH = MAGIC.length + 32 + NaclBox.NONCE_LENGTH;

    private final PrivateKey discoKey;
    private final Entropy entropy;
    private final Map<PublicKey, byte[]> boxKeys = new HashMap<>();

    public DiscoFrame(PrivateKey discoKey, Entropy entropy) {
        this.discoKey = discoKey;
        this.entropy = entropy;
    }

    public PublicKey publicKey() {
        return discoKey.publicKey();
    }

    /** Whether a datagram carries the disco magic and a full header (tailscale's LooksLikeDiscoWrapper). */
    public static boolean looksLikeDisco(byte[] d, int off, int len) {
        if (len < HEADER_LENGTH) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (d[off + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the datagram begins with the magic at all (a short one is then a disco drop, not WireGuard). */
    public static boolean hasMagic(byte[] d, int off, int len) {
        if (len < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (d[off + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** The sender's disco key of a datagram that {@link #looksLikeDisco}. */
    public static PublicKey sender(byte[] d, int off) {
        byte[] k = new byte[32];
        System.arraycopy(d, off + MAGIC.length, k, 0, 32);
        return PublicKey.of(k);
    }

    /** Seals {@code m} for the peer whose disco public key is {@code to}. */
    public byte[] seal(PublicKey to, DiscoMessage m) {
        byte[] key = boxKey(to);
        if (key == null) {
            throw new IllegalArgumentException("peer disco key " + to + " is a low-order point");
        }
        byte[] nonce = new byte[NaclBox.NONCE_LENGTH];
        entropy.nextBytes(nonce);
        byte[] plain = m.marshal();
        byte[] box = NaclBox.seal(key, nonce, plain, 0, plain.length);
        byte[] out = new byte[HEADER_LENGTH + box.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        discoKey.publicKey().copyTo(out, MAGIC.length);
        System.arraycopy(nonce, 0, out, MAGIC.length + 32, nonce.length);
        System.arraycopy(box, 0, out, HEADER_LENGTH, box.length);
        return out;
    }

    /** An opened frame: the sender's disco key and message, or why it was dropped. */
    public record Opened(PublicKey sender, DiscoMessage message, DiscoDrop drop) {}

    /**
     * Opens a datagram that carries the magic. {@code knownSender} says whether a disco key is a
     * current peer's: frames from strangers are dropped before any Diffie-Hellman is spent on them.
     */
    public Opened open(byte[] d, int off, int len, java.util.function.Predicate<PublicKey> knownSender) {
        if (len < HEADER_LENGTH + NaclBox.OVERHEAD) {
            return new Opened(null, null, DiscoDrop.SHORT_FRAME);
        }
        PublicKey from = sender(d, off);
        if (!knownSender.test(from)) {
            return new Opened(from, null, DiscoDrop.UNKNOWN_SENDER);
        }
        byte[] key = boxKey(from);
        byte[] nonce = java.util.Arrays.copyOfRange(d, off + MAGIC.length + 32, off + HEADER_LENGTH);
        byte[] plain = key == null ? null : NaclBox.open(key, nonce, d, off + HEADER_LENGTH, len - HEADER_LENGTH);
        if (plain == null) {
            return new Opened(from, null, DiscoDrop.UNDECRYPTABLE);
        }
        DiscoMessage.Parsed p = DiscoMessage.parse(plain);
        if (p.message() == null) {
            return new Opened(from, null, p.error() == DiscoMessage.ParseError.SHORT ? DiscoDrop.SHORT_MESSAGE : DiscoDrop.UNKNOWN_TYPE);
        }
        return new Opened(from, p.message(), null);
    }

    /** Forgets a peer's box key (the peer left or changed its disco key). */
    public void forget(PublicKey peer) {
        boxKeys.remove(peer);
    }

    private byte[] boxKey(PublicKey peer) {
        byte[] k = boxKeys.get(peer);
        if (k == null && !boxKeys.containsKey(peer)) {
            k = NaclBox.sharedKey(discoKey, peer);
            boxKeys.put(peer, k);
        }
        return k;
    }
}
