package dev.wgsim.wg.device;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.crypto.TransportAeads;
import dev.wgsim.wg.noise.CookieChecker;
import dev.wgsim.wg.noise.Handshake;
import dev.wgsim.wg.noise.IndexTable;
import dev.wgsim.wg.noise.NoiseProtocol;
import dev.wgsim.wg.noise.RateLimiter;
import dev.wgsim.wg.noise.SessionKeys;
import dev.wgsim.wg.routing.AllowedIps;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A WireGuard interface as a sans-I/O state machine (wireguard-go Device). Four calls drive it,
 * each with the current virtual time in nanoseconds:
 * <ul>
 *   <li>{@link #sendInner}: an IP packet from the local stack (routed by allowed IPs);</li>
 *   <li>{@link #receive}: a UDP payload that arrived on the listen port from {@code from};</li>
 *   <li>{@link #handleTimeout}: fire every timer due at or before now;</li>
 *   <li>{@link #nextTimeout}: the earliest armed deadline ({@code Long.MAX_VALUE} when none).</li>
 * </ul>
 * Each returns the device's reusable {@link WgOutput} (valid until the next call). Endpoints are
 * {@link InetSocketAddress}es built from literal address bytes (never resolved), or of a
 * {@link WgEndpoint} kind that the layer below resolves and chooses (a tailnet client's paths:
 * roaming never replaces those). Randomness comes
 * from the {@link Entropy} given at construction; TAI64N timestamps are {@code wallEpochUnixNanos}
 * plus virtual time. Bad wire input is dropped and counted by {@link DropReason}, never thrown.
 * Not thread-safe.
 */
public final class WgDevice {
    /** The largest transport plaintext a receive accepts (longer ones are dropped as malformed). */
    static final int MAX_PLAINTEXT = 65536;

    /*
     * State shared with the package-private collaborators that hold the device's other concerns,
     * as wireguard-go splits one Device over device.go, timers.go, send.go and receive.go:
     * DeviceTimers (timers), DeviceSend (send), DeviceReceive (receive). They read and write
     * these fields and the peers' directly; nothing on the per-packet path goes through an
     * interface or a copy.
     */
    /** Not final: {@link #setPrivateKey} changes it live (wg set private-key). */
    PrivateKey privateKey;
    private final int listenPort;
    /** Not final: {@link #setRekeyAfterMessages} changes one field live (the teaching demo). */
    Constants constants;
    final Entropy entropy;
    final long wallEpochUnixNanos;
    private final TransportAeads.Provider aeadProvider;
    /** Both follow {@link #privateKey}: replaced by {@link #setPrivateKey}. */
    NoiseProtocol noise;
    CookieChecker cookieChecker;
    final RateLimiter rateLimiter = new RateLimiter();
    final HandshakeLoad load;
    final Map<PublicKey, WgPeer> peers = new LinkedHashMap<>();
    final AllowedIps<WgPeer> allowedIps = new AllowedIps<>();
    final IndexTable<IndexEntry> indices = new IndexTable<>();
    final long[] dropCounts = new long[DropReason.values().length];
    final long[] cryptoOps = new long[CryptoOp.values().length];
    final WgOutput out = new WgOutput();
    KeyLogListener keyLog;
    final DeviceTimers timers = new DeviceTimers(this);
    final DeviceSend send = new DeviceSend(this);
    final DeviceReceive recv = new DeviceReceive(this);
    private long peersAdded;

    public WgDevice(PrivateKey privateKey, int listenPort, Constants constants, Entropy entropy, long wallEpochUnixNanos) {
        this(privateKey, listenPort, constants, entropy, wallEpochUnixNanos, TransportAeads.defaultProvider());
    }

    public WgDevice(PrivateKey privateKey, int listenPort, Constants constants, Entropy entropy, long wallEpochUnixNanos,
                    TransportAeads.Provider aeadProvider) {
        if (privateKey == null || constants == null || entropy == null || aeadProvider == null) {
            throw new IllegalArgumentException("privateKey, constants, entropy and aeadProvider are required");
        }
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listenPort must be in [0, 65535], got " + listenPort);
        }
        this.privateKey = privateKey;
        this.listenPort = listenPort;
        this.constants = constants;
        this.entropy = entropy;
        this.wallEpochUnixNanos = wallEpochUnixNanos;
        this.aeadProvider = aeadProvider;
        this.noise = new NoiseProtocol(privateKey, constants.handshakeInitiationRate());
        this.cookieChecker = new CookieChecker(privateKey.publicKey(), constants.cookieRefreshTime());
        this.load = new HandshakeLoad(constants.handshakeQueueSize(), constants.handshakeCostNanos(),
                constants.underLoadAfterTime());
    }

    // ---------------------------------------------------------------- configuration

    public PublicKey publicKey() {
        return privateKey.publicKey();
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public int listenPort() {
        return listenPort;
    }

    public Constants constants() {
        return constants;
    }

    /**
     * Changes the interface's private key at run time, as {@code wg set IF private-key FILE} does
     * (wireguard-go device.go SetPrivateKey). The same key again changes nothing. Otherwise:
     * <ul>
     *   <li>a peer whose public key equals the new public key is removed (its staged packets are
     *       dropped as {@code KEYS_ZEROED});</li>
     *   <li>mac1 and cookie replies are keyed to the new public key from now on, and the cookie
     *       secret is forgotten (a handshake that still carries mac1 for the old key, such as a
     *       response to an initiation sent before the change, is dropped as {@code BAD_MAC1});</li>
     *   <li>for every other peer (ExpireCurrentKeypairs): the handshake in flight is forgotten
     *       (state and index), the current and next keypairs can no longer send but still
     *       receive, and the next initiation is not held back by REKEY_TIMEOUT. So the next
     *       outgoing packet starts a handshake and is staged until it completes;</li>
     *   <li>timers are left alone: a pending retransmission still fires, counting as a retry.</li>
     * </ul>
     * Measured against wireguard-go 0.0.20220316 (docs/measurements/wg-set-private-key.md).
     * Returns the device's output: {@code KeysZeroed} and drops for a removed peer.
     */
    public WgOutput setPrivateKey(long now, PrivateKey key) {
        if (key == null) {
            throw new IllegalArgumentException("private key is required");
        }
        out.reset();
        if (key.equals(privateKey)) {
            return out;
        }
        PublicKey pub = key.publicKey();
        WgPeer same = peers.get(pub);
        if (same != null) {
            removeInto(same);
        }
        privateKey = key;
        noise = new NoiseProtocol(key, constants.handshakeInitiationRate());
        cookieChecker = new CookieChecker(pub, constants.cookieRefreshTime());
        for (WgPeer peer : peers.values()) {
            peer.handshake.changeLocalStatic(key);
            releaseHandshakeIndex(peer);
            peer.handshake.clear();
            peer.lastSentHandshakeNanos = now - constants.rekeyTimeout() - 1_000_000_000L;
            Keypairs k = peer.keypairs;
            if (k.current != null) {
                k.current.sendNonce = constants.rejectAfterMessages();
            }
            if (k.next != null) {
                k.next.sendNonce = constants.rejectAfterMessages();
            }
        }
        return out;
    }

    /** Adds a peer (no endpoint, no keepalive, no allowed IPs yet). */
    public WgPeer addPeer(PublicKey key, PresharedKey presharedKey) {
        if (key == null) {
            throw new IllegalArgumentException("peer public key is required");
        }
        if (peers.containsKey(key)) {
            throw new IllegalArgumentException("peer already present: " + key);
        }
        if (key.equals(publicKey())) {
            throw new IllegalArgumentException("a device cannot be its own peer: " + key
                    + " is this device's own public key (two devices configured with the same private key?)");
        }
        WgPeer peer = new WgPeer(privateKey, key, presharedKey, constants.cookieRefreshTime());
        peer.addedSeq = peersAdded++;
        peers.put(key, peer);
        return peer;
    }

    /** Removes a peer, its allowed IPs, keypairs and indices; staged packets are discarded. */
    public void removePeer(WgPeer peer) {
        requireOwn(peer);
        out.reset();
        removeInto(peer);
    }

    private void removeInto(WgPeer peer) {
        zeroAndFlushAll(peer, DropReason.KEYS_ZEROED);
        allowedIps.removePeer(peer);
        peers.remove(peer.publicKey());
        peer.removed = true;
        timers.remove(peer);
    }

    public WgPeer peer(PublicKey key) {
        return peers.get(key);
    }

    public Collection<WgPeer> peers() {
        return Collections.unmodifiableCollection(peers.values());
    }

    public void setPresharedKey(WgPeer peer, PresharedKey q) {
        requireOwn(peer);
        peer.handshake.setPresharedKey(q);
    }

    /** Sets the configured endpoint (wg set ... endpoint); null = none. */
    public void setEndpoint(WgPeer peer, InetSocketAddress endpoint) {
        requireOwn(peer);
        peer.endpoint = endpoint == null ? null : new UdpEndpoint(endpoint);
    }

    /**
     * Sets an endpoint of any kind; one the layer below resolves stays until set again (authenticated
     * datagrams never move it). Null = none.
     */
    public void setWgEndpoint(WgPeer peer, WgEndpoint endpoint) {
        requireOwn(peer);
        peer.endpoint = endpoint;
    }

    /** Maps a prefix to the peer, moving it from any other peer. */
    public void addAllowedIp(WgPeer peer, IpPrefix prefix) {
        requireOwn(peer);
        allowedIps.insert(prefix, peer);
    }

    /** Removes one prefix from the peer (no-op when the peer does not own it). */
    public void removeAllowedIp(WgPeer peer, IpPrefix prefix) {
        requireOwn(peer);
        if (allowedIps.ownerOf(prefix) == peer) {
            allowedIps.remove(prefix);
        }
    }

    /** Removes all of the peer's prefixes (wg set ... allowed-ips ""). */
    public void clearAllowedIps(WgPeer peer) {
        requireOwn(peer);
        allowedIps.removePeer(peer);
    }

    /** The peer owning exactly this prefix, or null (lets a UI refuse a prefix another peer owns). */
    public WgPeer allowedIpOwner(IpPrefix prefix) {
        return allowedIps.ownerOf(prefix);
    }

    public List<IpPrefix> allowedIps(WgPeer peer) {
        return allowedIps.prefixesOf(peer);
    }

    /**
     * The peer cryptokey routing picks for an inner destination (4 or 16 address bytes): the owner
     * of the longest allowed-IPs prefix containing it, as {@link #sendInner} routes; null when none.
     * For teaching views that show which row a destination matched.
     */
    public WgPeer routeTo(byte[] innerDestination) {
        return allowedIps.lookup(innerDestination);
    }

    /**
     * Changes REKEY_AFTER_MESSAGES from now on (every other constant stays): the next send past
     * {@code messages} on a keypair starts a new handshake. A teaching control (a small value shows
     * rotation by count); must be in (0, rejectAfterMessages) unsigned.
     */
    public void setRekeyAfterMessages(long messages) {
        constants = constants.withRekeyAfterMessages(messages);
    }

    /** The peer's three keypair slots as {@link PeerSnapshot.Slots} (teaching views; send keys included). */
    public PeerSnapshot.Slots keypairSlots(WgPeer peer) {
        requireOwn(peer);
        Keypairs k = peer.keypairs;
        return new PeerSnapshot.Slots(session(k.previous), session(k.current), session(k.next));
    }

    private static PeerSnapshot.Session session(Keypair kp) {
        return kp == null ? null : new PeerSnapshot.Session(kp.sendKeyBase64(), kp.sendNonce, kp.isInitiator,
                kp.createdNanos, kp.localIndex, kp.remoteIndex);
    }

    /**
     * Sets persistent keepalive (0 = off, else 1..65535 s). Switching it on sends a keepalive at
     * once, as wireguard-go does (which starts a handshake if there is no session).
     */
    public WgOutput setPersistentKeepalive(long now, WgPeer peer, int seconds) {
        requireOwn(peer);
        if (seconds < 0 || seconds > 65535) {
            throw new IllegalArgumentException("persistent keepalive must be in [0, 65535], got " + seconds);
        }
        out.reset();
        timers.touch(peer);
        int old = peer.persistentKeepaliveSeconds;
        peer.persistentKeepaliveSeconds = seconds;
        if (old == 0 && seconds > 0) {
            send.keepalive(peer, now, true);
        }
        return out;
    }

    /** Forces the under-load state on or off (a scenario knob); the queue model still applies when off. */
    public void forceUnderLoad(boolean on) {
        load.force(on);
    }

    /** Modelled handshake queue length at {@code now}. */
    public int handshakeQueueLength(long now) {
        return load.queueLength(now);
    }

    public void setKeyLogListener(KeyLogListener listener) {
        this.keyLog = listener;
    }

    /** Drops counted so far for one reason. */
    public long dropCount(DropReason reason) {
        return dropCounts[reason.ordinal()];
    }

    /** How many times this device performed {@code op} (for estimating a run's cryptography time). */
    public long cryptoOps(CryptoOp op) {
        return cryptoOps[op.ordinal()];
    }

    /** Counts the static-static agreement the next handshake step with {@code hs}'s peer does, if not done yet. */
    void countStaticStaticIfNew(Handshake hs) {
        if (!hs.staticStaticKnown()) {
            cryptoOps[CryptoOp.STATIC_STATIC_AGREED.ordinal()]++;
        }
    }

    /** All drop counters (reason -> count), zero counts included. */
    public Map<DropReason, Long> dropCounts() {
        Map<DropReason, Long> m = new java.util.EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            m.put(r, dropCounts[r.ordinal()]);
        }
        return Collections.unmodifiableMap(m);
    }

    public DeviceSnapshot snapshot() {
        List<PeerSnapshot> list = new ArrayList<>(peers.size());
        for (WgPeer p : peers.values()) {
            PeerSnapshot.Session s = session(p.keypairs.current);
            list.add(new PeerSnapshot(p.publicKey(), !p.presharedKey().isNone(), p.endpoint(), allowedIps.prefixesOf(p),
                    p.hasHandshake, p.lastHandshakeNanos, p.rxBytes, p.txBytes, p.persistentKeepaliveSeconds, s));
        }
        return new DeviceSnapshot(privateKey, listenPort, list);
    }

    // ---------------------------------------------------------------- the sans-I/O face

    /** An IP packet from the local stack: route by destination, encrypt or stage, maybe start a handshake. */
    public WgOutput sendInner(long now, byte[] packet, int off, int len) {
        out.reset();
        WgPeer peer = send.route(packet, off, len);
        if (peer == null) {
            return out;
        }
        timers.touch(peer);
        Keypair kp = peer.keypairs.current;
        if (peer.staged.isEmpty() && send.usableForSending(kp, now)) {
            // Fast path, same observable behaviour as staging then flushing: no copy for the queue.
            long nonce = kp.sendNonce++;
            send.transport(peer, kp, nonce, packet, off, len, now);
            return out;
        }
        send.stage(peer, Arrays.copyOfRange(packet, off, off + len));
        send.stagedPackets(peer, now);
        return out;
    }

    /** A UDP payload received on the listen port. {@code from} is the outer source. */
    public WgOutput receive(long now, InetSocketAddress from, byte[] d, int off, int len) {
        out.reset();
        recv.datagram(now, from, null, d, off, len);
        return out;
    }

    /**
     * A datagram the layer below received and attributes to {@code from} (its own endpoint kind,
     * e.g. the sending peer's). Cookies bind to {@link WgEndpoint#cookieAddress()}; no peer's
     * endpoint changes because of it.
     */
    public WgOutput receive(long now, WgEndpoint from, byte[] d, int off, int len) {
        out.reset();
        if (from instanceof UdpEndpoint u) {
            recv.datagram(now, u.address(), null, d, off, len);
        } else {
            recv.datagram(now, null, from, d, off, len);
        }
        return out;
    }

    /**
     * Fires every timer due at or before {@code now}: peer by peer in the order they were added,
     * and each peer's timers earliest first.
     */
    public WgOutput handleTimeout(long now) {
        out.reset();
        timers.handleTimeout(now);
        return out;
    }

    /** The earliest armed timer over all peers, or {@code Long.MAX_VALUE}. */
    public long nextTimeout() {
        return timers.nextTimeout();
    }

    /** The same minimum by a full scan (tests check the cache against it). */
    long nextTimeoutByScan() {
        long min = Long.MAX_VALUE;
        for (WgPeer p : peers.values()) {
            min = Math.min(min, p.timers.earliest());
        }
        return min;
    }

    // ---------------------------------------------------------------- peers' handshake and keypairs (peer.go, noise-protocol.go)

    void releaseHandshakeIndex(WgPeer peer) {
        if (peer.holdsHandshakeIndex) {
            indices.remove(peer.handshakeIndex);
            peer.holdsHandshakeIndex = false;
        }
    }

    /** Derives the keypair and rotates the slots (noise-protocol.go BeginSymmetricSession). */
    void beginSymmetricSession(WgPeer peer, long now) {
        SessionKeys keys = noise.beginSymmetricSession(peer.handshake);
        Keypair kp = new Keypair(peer, keys.sendKey(), keys.receiveKey(), keys.isInitiator(), now, keys.localIndex(),
                keys.remoteIndex(), constants.rejectAfterMessages(), aeadProvider);
        Arrays.fill(keys.sendKey(), (byte) 0);
        Arrays.fill(keys.receiveKey(), (byte) 0);
        indices.replace(keys.localIndex(), new IndexEntry(peer, kp));
        peer.holdsHandshakeIndex = false;
        Keypairs slots = peer.keypairs;
        if (keys.isInitiator()) {
            if (slots.next != null) {
                Keypair oldNext = slots.next;
                slots.next = null;
                deleteKeypair(slots.previous);
                slots.previous = oldNext;
                deleteKeypair(slots.current);
            } else {
                deleteKeypair(slots.previous);
                slots.previous = slots.current;
            }
            slots.current = kp;
        } else {
            deleteKeypair(slots.next);
            slots.next = kp;
            deleteKeypair(slots.previous);
            slots.previous = null;
        }
        Role role = keys.isInitiator() ? Role.INITIATOR : Role.RESPONDER;
        out.event(new WgEvent.SessionDerived(peer.publicKey(), role, keys.localIndex(), keys.remoteIndex()));
        if (keys.isInitiator()) {
            out.event(new WgEvent.KeypairRotated(peer.publicKey(), role));
        }
    }

    void deleteKeypair(Keypair kp) {
        if (kp != null) {
            indices.remove(kp.localIndex);
            kp.destroy();
        }
    }

    void zeroAndFlushAll(WgPeer peer, DropReason reason) {
        Keypairs s = peer.keypairs;
        deleteKeypair(s.previous);
        deleteKeypair(s.current);
        deleteKeypair(s.next);
        s.previous = null;
        s.current = null;
        s.next = null;
        releaseHandshakeIndex(peer);
        peer.handshake.clear();
        send.flushStaged(peer, reason);
        out.event(new WgEvent.KeysZeroed(peer.publicKey()));
    }

    void drop(DropReason reason, PublicKey peer, int length) {
        dropCounts[reason.ordinal()]++;
        out.drop(new Drop(reason, peer, length));
    }

    private void requireOwn(WgPeer peer) {
        if (peer == null || peers.get(peer.publicKey()) != peer) {
            throw new IllegalArgumentException("not a peer of this device: " + peer);
        }
    }
}
