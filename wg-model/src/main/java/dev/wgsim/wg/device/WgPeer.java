package dev.wgsim.wg.device;

import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.noise.CookieGenerator;
import dev.wgsim.wg.noise.Handshake;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * One peer of a {@link WgDevice}: its static key, optional preshared key, endpoint, persistent
 * keepalive, handshake and keypairs, timers, staged packets and counters. Mutated only by its
 * device; read it through {@link WgDevice#snapshot()} or the accessors here.
 */
public final class WgPeer {
    private final PublicKey publicKey;
    final Handshake handshake;
    final CookieGenerator cookieGenerator;
    final Keypairs keypairs = new Keypairs();
    final PeerTimers timers = new PeerTimers();
    /** Packets waiting for a session; an empty array is a keepalive placeholder. */
    final ArrayDeque<byte[]> staged = new ArrayDeque<>();

    /** Null until configured or learned; a {@link UdpEndpoint} unless the layer below supplies its own kind. */
    WgEndpoint endpoint;
    int persistentKeepaliveSeconds;
    long rxBytes;
    long txBytes;
    boolean hasHandshake;
    long lastHandshakeNanos;
    boolean hasSentHandshake;
    long lastSentHandshakeNanos;
    /** Our index for the handshake in flight, when we hold one in the index table. */
    boolean holdsHandshakeIndex;
    int handshakeIndex;
    /** Whether the keepalive now being sent was asked for by the persistent timer (for its event). */
    boolean keepaliveIsPersistent;
    /** Order of addition to the device: due peers fire in this order, as the device's peer map iterates. */
    long addedSeq;
    /** Slot in the device's {@link PeerDeadlines}, -1 when no timer is armed. */
    int heapSlot = -1;
    /** Touched by the current call: its deadline is re-read before the device answers nextTimeout. */
    /** Set when the device removes this peer: its deadline no longer counts. */
    boolean removed;
    boolean deadlineStale;

    WgPeer(PrivateKey localStatic, PublicKey publicKey, PresharedKey presharedKey, long cookieLifetimeNanos) {
        this.publicKey = publicKey;
        this.handshake = new Handshake(localStatic, publicKey, presharedKey);
        this.cookieGenerator = new CookieGenerator(publicKey, cookieLifetimeNanos);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public PresharedKey presharedKey() {
        return handshake.presharedKey();
    }

    /** The UDP address of the endpoint; null when there is none or it is of a kind the layer below resolves. */
    public InetSocketAddress endpoint() {
        return endpoint instanceof UdpEndpoint u ? u.address() : null;
    }

    /** The endpoint of any kind, or null. */
    public WgEndpoint wgEndpoint() {
        return endpoint;
    }

    public int persistentKeepaliveSeconds() {
        return persistentKeepaliveSeconds;
    }

    public long rxBytes() {
        return rxBytes;
    }

    public long txBytes() {
        return txBytes;
    }

    /** Virtual time of the latest completed handshake, or -1 when none. */
    public long lastHandshakeNanos() {
        return hasHandshake ? lastHandshakeNanos : -1;
    }

    public int stagedPackets() {
        return staged.size();
    }

    /** Current handshakeAttempts counter (retries since the last non-retry initiation). */
    public int handshakeAttempts() {
        return timers.handshakeAttempts;
    }

    /** Whether a keypair is in the given slot (tests and diagnostics). */
    public boolean hasCurrentKeypair() {
        return keypairs.current != null;
    }

    public boolean hasNextKeypair() {
        return keypairs.next != null;
    }

    public boolean hasPreviousKeypair() {
        return keypairs.previous != null;
    }

    @Override
    public String toString() {
        return "WgPeer[" + publicKey + "]";
    }
}
