package dev.wgsim.wg.device;

import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.crypto.Tai64n;
import dev.wgsim.wg.crypto.TransportAeads;
import dev.wgsim.wg.noise.ConsumedInitiation;
import dev.wgsim.wg.noise.CookieChecker;
import dev.wgsim.wg.noise.HandshakeRejection;
import dev.wgsim.wg.noise.IndexTable;
import dev.wgsim.wg.noise.MessageCookieReply;
import dev.wgsim.wg.noise.MessageInitiation;
import dev.wgsim.wg.noise.MessageResponse;
import dev.wgsim.wg.noise.MessageTransport;
import dev.wgsim.wg.noise.MessageType;
import dev.wgsim.wg.noise.NoiseProtocol;
import dev.wgsim.wg.noise.RateLimiter;
import dev.wgsim.wg.noise.SessionKeys;
import dev.wgsim.wg.routing.AllowedIps;
import dev.wgsim.wg.routing.IpPrefix;
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
 * {@link InetSocketAddress}es built from literal address bytes (never resolved). Randomness comes
 * from the {@link Entropy} given at construction; TAI64N timestamps are {@code wallEpochUnixNanos}
 * plus virtual time. Bad wire input is dropped and counted by {@link DropReason}, never thrown.
 * Not thread-safe.
 */
public final class WgDevice {
    private static final byte[] EMPTY = new byte[0];

    /** Not final: {@link #setPrivateKey} changes it live (wg set private-key). */
    private PrivateKey privateKey;
    private final int listenPort;
    /** Not final: {@link #setRekeyAfterMessages} changes one field live (the teaching demo). */
    private Constants constants;
    private final Entropy entropy;
    private final long wallEpochUnixNanos;
    private final TransportAeads.Provider aeadProvider;
    /** Both follow {@link #privateKey}: replaced by {@link #setPrivateKey}. */
    private NoiseProtocol noise;
    private CookieChecker cookieChecker;
    private final RateLimiter rateLimiter = new RateLimiter();
    private final HandshakeLoad load;
    private final Map<PublicKey, WgPeer> peers = new LinkedHashMap<>();
    private final AllowedIps<WgPeer> allowedIps = new AllowedIps<>();
    private final IndexTable<IndexEntry> indices = new IndexTable<>();
    private final long[] dropCounts = new long[DropReason.values().length];
    private final long[] cryptoOps = new long[CryptoOp.values().length];
    private final WgOutput out = new WgOutput();
    /** The largest transport plaintext a receive accepts (longer ones are dropped as malformed). */
    private static final int MAX_PLAINTEXT = 65536;
    /*
     * Padded plaintext on send, and decrypted plaintext on receive (separate because a receive can
     * flush staged sends). Grown to the largest packet seen rather than 64 KiB up front: a hub's
     * ten thousand spokes that only ever ping hold a few hundred bytes each, not 128 KiB.
     */
    private byte[] sendScratch = EMPTY;
    private byte[] scratch = EMPTY;
    private KeyLogListener keyLog;
    /*
     * Timers in O(log P): peers with an armed timer sit in a heap on their earliest deadline. A
     * call records the peers whose timers it may change (touch); their heap places are fixed
     * before the device next answers nextTimeout or handleTimeout.
     */
    private final PeerDeadlines deadlines = new PeerDeadlines();
    private final ArrayList<WgPeer> stale = new ArrayList<>();
    private final ArrayList<WgPeer> due = new ArrayList<>();
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
        deadlines.remove(peer);
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

    /** Sets the configured endpoint (wg set ... endpoint). */
    public void setEndpoint(WgPeer peer, InetSocketAddress endpoint) {
        requireOwn(peer);
        if (endpoint != null && endpoint.isUnresolved()) {
            throw new IllegalArgumentException("endpoint must be a literal address: " + endpoint);
        }
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
        touch(peer);
        int old = peer.persistentKeepaliveSeconds;
        peer.persistentKeepaliveSeconds = seconds;
        if (old == 0 && seconds > 0) {
            sendKeepalive(peer, now, true);
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
            list.add(new PeerSnapshot(p.publicKey(), !p.presharedKey().isNone(), p.endpoint, allowedIps.prefixesOf(p),
                    p.hasHandshake, p.lastHandshakeNanos, p.rxBytes, p.txBytes, p.persistentKeepaliveSeconds, s));
        }
        return new DeviceSnapshot(privateKey, listenPort, list);
    }

    // ---------------------------------------------------------------- the sans-I/O face

    /** An IP packet from the local stack: route by destination, encrypt or stage, maybe start a handshake. */
    public WgOutput sendInner(long now, byte[] packet, int off, int len) {
        out.reset();
        WgPeer peer = route(packet, off, len);
        if (peer == null) {
            return out;
        }
        touch(peer);
        Keypair kp = peer.keypairs.current;
        if (peer.staged.isEmpty() && usableForSending(kp, now)
                && Long.compareUnsigned(kp.sendNonce, constants.rejectAfterMessages()) < 0) {
            // Fast path, same observable behaviour as staging then flushing: no copy for the queue.
            long nonce = kp.sendNonce++;
            sendTransport(peer, kp, nonce, packet, off, len, now);
            return out;
        }
        stage(peer, Arrays.copyOfRange(packet, off, off + len));
        sendStagedPackets(peer, now);
        return out;
    }

    /** A UDP payload received on the listen port. {@code from} is the outer source. */
    public WgOutput receive(long now, InetSocketAddress from, byte[] d, int off, int len) {
        out.reset();
        if (from == null || d == null || off < 0 || len < 0 || off + len > d.length) {
            throw new IllegalArgumentException("bad receive call: from=" + from + " off=" + off + " len=" + len);
        }
        long type = MessageType.typeOf(d, off, len);
        if (type == MessageType.TRANSPORT) {
            if (len < MessageTransport.MIN_SIZE || len - MessageTransport.MIN_SIZE > MAX_PLAINTEXT) {
                drop(DropReason.MALFORMED, null, len);
            } else {
                receiveTransport(now, from, d, off, len);
            }
        } else if (type == MessageType.INITIATION || type == MessageType.RESPONSE) {
            int expect = type == MessageType.INITIATION ? MessageInitiation.SIZE : MessageResponse.SIZE;
            if (len != expect) {
                drop(DropReason.MALFORMED, null, len);
            } else {
                receiveHandshake(now, from, d, off, len, (int) type);
            }
        } else if (type == MessageType.COOKIE_REPLY) {
            if (len != MessageCookieReply.SIZE) {
                drop(DropReason.MALFORMED, null, len);
            } else {
                receiveCookieReply(now, d, off, len);
            }
        } else {
            drop(type < 0 ? DropReason.MALFORMED : DropReason.UNKNOWN_TYPE, null, len);
        }
        return out;
    }

    /**
     * Fires every timer due at or before {@code now}: peer by peer in the order they were added,
     * and each peer's timers earliest first.
     */
    public WgOutput handleTimeout(long now) {
        out.reset();
        refreshDeadlines();
        while (!deadlines.isEmpty() && deadlines.earliest() <= now) {
            due.add(deadlines.poll());
        }
        if (due.size() > 1) {
            due.sort((x, y) -> Long.compare(x.addedSeq, y.addedSeq));
        }
        // An expiry changes only its own peer's timers (and adds or removes no peer).
        for (int i = 0; i < due.size(); i++) {
            WgPeer peer = due.get(i);
            touch(peer);
            while (true) {
                PeerTimers t = peer.timers;
                long due = t.earliest();
                if (due > now) {
                    break;
                }
                if (t.retransmitHandshake == due) {
                    t.retransmitHandshake = PeerTimers.OFF;
                    expiredRetransmitHandshake(peer, now);
                } else if (t.sendKeepalive == due) {
                    t.sendKeepalive = PeerTimers.OFF;
                    expiredSendKeepalive(peer, now);
                } else if (t.newHandshake == due) {
                    t.newHandshake = PeerTimers.OFF;
                    expiredNewHandshake(peer, now);
                } else if (t.zeroKeyMaterial == due) {
                    t.zeroKeyMaterial = PeerTimers.OFF;
                    expiredZeroKeyMaterial(peer, now);
                } else {
                    t.persistentKeepalive = PeerTimers.OFF;
                    expiredPersistentKeepalive(peer, now);
                }
            }
        }
        due.clear();
        return out;
    }

    /** The earliest armed timer over all peers, or {@code Long.MAX_VALUE}. */
    public long nextTimeout() {
        refreshDeadlines();
        return deadlines.earliest();
    }

    private void refreshDeadlines() {
        for (int i = 0; i < stale.size(); i++) {
            WgPeer p = stale.get(i);
            p.deadlineStale = false;
            if (peers.get(p.publicKey()) == p) {
                deadlines.update(p);
            }
        }
        stale.clear();
    }

    /** The same minimum by a full scan (tests check the cache against it). */
    long nextTimeoutByScan() {
        long min = Long.MAX_VALUE;
        for (WgPeer p : peers.values()) {
            min = Math.min(min, p.timers.earliest());
        }
        return min;
    }

    /** Records that this call may change the peer's timers. */
    private void touch(WgPeer peer) {
        if (!peer.deadlineStale) {
            peer.deadlineStale = true;
            stale.add(peer);
        }
    }

    // ---------------------------------------------------------------- timer expiries (timers.go)

    private void expiredRetransmitHandshake(WgPeer peer, long now) {
        if (peer.timers.handshakeAttempts > constants.maxTimerHandshakes()) {
            peer.timers.sendKeepalive = PeerTimers.OFF;
            int dropped = flushStaged(peer, DropReason.GAVE_UP);
            out.event(new WgEvent.GaveUp(peer.publicKey(), dropped));
            if (peer.timers.zeroKeyMaterial == PeerTimers.OFF) {
                peer.timers.zeroKeyMaterial = now + constants.zeroKeyMaterialDelay();
            }
        } else {
            peer.timers.handshakeAttempts++;
            sendHandshakeInitiation(peer, now, true);
        }
    }

    /**
     * wireguard-go only queues the keepalive here, then re-arms the timer if more data arrived;
     * the keepalive leaves a moment later from its sequential sender, whose anyAuthenticatedPacketSent
     * cancels that re-arm. So the re-arm survives only when no transport packet goes out (no usable
     * keypair: a handshake is started instead). Measured: data at 0.06, 0.5, 1.0, 1.5 s gives one
     * keepalive at 10.0 s and none after (WIREGUARD.md §7.3).
     */
    private void expiredSendKeepalive(WgPeer peer, long now) {
        boolean goesOutAsTransport = usableForSending(peer.keypairs.current, now);
        sendKeepalive(peer, now, false);
        if (peer.timers.needAnotherKeepalive) {
            peer.timers.needAnotherKeepalive = false;
            if (!goesOutAsTransport) {
                peer.timers.sendKeepalive = now + constants.keepaliveTimeout();
            }
        }
    }

    private void expiredNewHandshake(WgPeer peer, long now) {
        sendHandshakeInitiation(peer, now, false);
    }

    private void expiredZeroKeyMaterial(WgPeer peer, long now) {
        zeroAndFlushAll(peer, DropReason.KEYS_ZEROED);
    }

    private void expiredPersistentKeepalive(WgPeer peer, long now) {
        if (peer.persistentKeepaliveSeconds > 0) {
            sendKeepalive(peer, now, true);
        }
    }

    private long jitter() {
        return entropy.nextInt(constants.rekeyTimeoutJitterMaxMs()) * 1_000_000L;
    }

    // ---------------------------------------------------------------- sending (send.go)

    private WgPeer route(byte[] p, int off, int len) {
        int dstOff;
        int alen;
        int version = len > 0 && len <= 65535 ? (p[off] & 0xff) >>> 4 : 0;
        if (version == 4 && len >= 20) {
            dstOff = 16;
            alen = 4;
        } else if (version == 6 && len >= 40) {
            dstOff = 24;
            alen = 16;
        } else {
            drop(DropReason.INVALID_INNER, null, len);
            return null;
        }
        WgPeer peer = allowedIps.lookup(p, off + dstOff, alen);
        if (peer == null) {
            drop(DropReason.NO_ROUTE, null, len);
        }
        return peer;
    }

    private void stage(WgPeer peer, byte[] packet) {
        if (peer.staged.size() >= constants.stagedQueueSize()) {
            byte[] oldest = peer.staged.pollFirst();
            if (oldest.length > 0) {
                drop(DropReason.STAGED_QUEUE_FULL, peer.publicKey(), oldest.length);
            }
        }
        peer.staged.addLast(packet);
    }

    private int flushStaged(WgPeer peer, DropReason reason) {
        int n = 0;
        for (byte[] p; (p = peer.staged.pollFirst()) != null; ) {
            if (p.length > 0) {
                drop(reason, peer.publicKey(), p.length);
                n++;
            }
        }
        return n;
    }

    private boolean usableForSending(Keypair kp, long now) {
        return kp != null && Long.compareUnsigned(kp.sendNonce, constants.rejectAfterMessages()) < 0
                && now - kp.createdNanos < constants.rejectAfterTime();
    }

    private void sendKeepalive(WgPeer peer, long now, boolean persistent) {
        if (peer.staged.isEmpty()) {
            peer.staged.addLast(EMPTY);
        }
        peer.keepaliveIsPersistent = persistent;
        sendStagedPackets(peer, now);
    }

    private void sendStagedPackets(WgPeer peer, long now) {
        while (!peer.staged.isEmpty()) {
            Keypair kp = peer.keypairs.current;
            if (!usableForSending(kp, now)) {
                sendHandshakeInitiation(peer, now, false);
                return;
            }
            boolean exhausted = false;
            for (byte[] p; (p = peer.staged.pollFirst()) != null; ) {
                long nonce = kp.sendNonce++;
                if (Long.compareUnsigned(nonce, constants.rejectAfterMessages()) >= 0) {
                    kp.sendNonce = constants.rejectAfterMessages();
                    peer.staged.addFirst(p);
                    exhausted = true;
                    break;
                }
                sendTransport(peer, kp, nonce, p, 0, p.length, now);
                if (peer.keypairs.current != kp) {
                    break; // a rekey check zeroed or replaced the keypair: re-evaluate
                }
            }
            if (!exhausted && peer.staged.isEmpty()) {
                return;
            }
        }
    }

    /** Pads, seals, transmits one transport packet and runs the send-side timer hooks. */
    private void sendTransport(WgPeer peer, Keypair kp, long nonce, byte[] p, int off, int len, long now) {
        int padded = paddedLength(len);
        byte[] d = new byte[MessageTransport.HEADER_SIZE + padded + 16];
        MessageTransport.writeHeader(d, 0, kp.remoteIndex, nonce);
        cryptoOps[CryptoOp.TRANSPORT_SEALED.ordinal()]++;
        if (padded == len) {
            kp.send.seal(nonce, p, off, len, d, MessageTransport.HEADER_SIZE);
        } else {
            if (sendScratch.length < padded) {
                sendScratch = new byte[Math.max(padded, Math.min(MAX_PLAINTEXT, 2 * sendScratch.length))];
            }
            System.arraycopy(p, off, sendScratch, 0, len);
            Arrays.fill(sendScratch, len, padded, (byte) 0);
            kp.send.seal(nonce, sendScratch, 0, padded, d, MessageTransport.HEADER_SIZE);
        }
        peer.timers.anyAuthenticatedPacketTraversal(now, peer.persistentKeepaliveSeconds);
        peer.timers.anyAuthenticatedPacketSent();
        transmit(peer, d);
        if (len > 0) {
            peer.timers.dataSent(now, constants, jitter());
        } else {
            out.event(new WgEvent.KeepaliveSent(peer.publicKey(), peer.keepaliveIsPersistent));
        }
        keepKeyFreshSending(peer, now);
    }

    /** §5.1: round up to 16 but never beyond the MTU (wireguard-go calculatePaddingSize). */
    private int paddedLength(int len) {
        if (len == 0) {
            return 0;
        }
        int mtu = constants.mtu();
        int last = len > mtu ? len % mtu : len;
        int padded = Math.min((last + 15) & ~15, mtu);
        return len + (padded - last);
    }

    private void keepKeyFreshSending(WgPeer peer, long now) {
        Keypair kp = peer.keypairs.current;
        if (kp == null) {
            return;
        }
        if (Long.compareUnsigned(kp.sendNonce, constants.rekeyAfterMessages()) > 0
                || (kp.isInitiator && now - kp.createdNanos > constants.rekeyAfterTime())) {
            sendHandshakeInitiation(peer, now, false);
        }
    }

    private void keepKeyFreshReceiving(WgPeer peer, long now) {
        if (peer.timers.sentLastMinuteHandshake) {
            return;
        }
        Keypair kp = peer.keypairs.current;
        if (kp != null && kp.isInitiator && now - kp.createdNanos
                > constants.rejectAfterTime() - constants.keepaliveTimeout() - constants.rekeyTimeout()) {
            peer.timers.sentLastMinuteHandshake = true;
            sendHandshakeInitiation(peer, now, false);
        }
    }

    private void sendHandshakeInitiation(WgPeer peer, long now, boolean isRetry) {
        if (!isRetry) {
            peer.timers.handshakeAttempts = 0;
        }
        if (peer.hasSentHandshake && now - peer.lastSentHandshakeNanos < constants.rekeyTimeout()) {
            return;
        }
        peer.hasSentHandshake = true;
        peer.lastSentHandshakeNanos = now;

        releaseHandshakeIndex(peer);
        int index = indices.insert(entropy, new IndexEntry(peer, null));
        peer.holdsHandshakeIndex = true;
        peer.handshakeIndex = index;
        PrivateKey ephemeral = PrivateKey.generate(entropy);
        cryptoOps[CryptoOp.INITIATION_CREATED.ordinal()]++;
        MessageInitiation msg = noise.createInitiation(peer.handshake, ephemeral,
                Tai64n.stamp(wallEpochUnixNanos, now), index);
        if (msg == null) {
            releaseHandshakeIndex(peer);
            drop(DropReason.HANDSHAKE_FAILED, peer.publicKey(), 0);
            return;
        }
        peer.cookieGenerator.addMacs(msg.bytes(), now);
        logKeys(peer, ephemeral, now);
        peer.timers.anyAuthenticatedPacketTraversal(now, peer.persistentKeepaliveSeconds);
        peer.timers.anyAuthenticatedPacketSent();
        out.event(new WgEvent.HandshakeInitiated(peer.publicKey(), isRetry, peer.timers.handshakeAttempts));
        transmit(peer, msg.bytes());
        peer.timers.handshakeInitiated(now, constants, jitter());
    }

    private void sendHandshakeResponse(WgPeer peer, long now) {
        peer.hasSentHandshake = true;
        peer.lastSentHandshakeNanos = now;
        releaseHandshakeIndex(peer);
        int index = indices.insert(entropy, new IndexEntry(peer, null));
        peer.holdsHandshakeIndex = true;
        peer.handshakeIndex = index;
        PrivateKey ephemeral = PrivateKey.generate(entropy);
        cryptoOps[CryptoOp.RESPONSE_CREATED.ordinal()]++;
        MessageResponse msg = noise.createResponse(peer.handshake, ephemeral, index);
        if (msg == null) {
            releaseHandshakeIndex(peer);
            drop(DropReason.HANDSHAKE_FAILED, peer.publicKey(), 0);
            return;
        }
        peer.cookieGenerator.addMacs(msg.bytes(), now);
        logKeys(peer, ephemeral, now);
        beginSymmetricSession(peer, now);
        peer.timers.sessionDerived(now, constants);
        peer.timers.anyAuthenticatedPacketTraversal(now, peer.persistentKeepaliveSeconds);
        peer.timers.anyAuthenticatedPacketSent();
        out.event(new WgEvent.HandshakeResponded(peer.publicKey()));
        transmit(peer, msg.bytes());
    }

    private void logKeys(WgPeer peer, PrivateKey ephemeral, long now) {
        if (keyLog != null) {
            keyLog.handshakeKeys(new HandshakeKeyMaterial(now, privateKey, peer.publicKey(), ephemeral,
                    peer.presharedKey()));
        }
    }

    private void releaseHandshakeIndex(WgPeer peer) {
        if (peer.holdsHandshakeIndex) {
            indices.remove(peer.handshakeIndex);
            peer.holdsHandshakeIndex = false;
        }
    }

    /** Derives the keypair and rotates the slots (noise-protocol.go BeginSymmetricSession). */
    private void beginSymmetricSession(WgPeer peer, long now) {
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

    private void deleteKeypair(Keypair kp) {
        if (kp != null) {
            indices.remove(kp.localIndex);
            kp.destroy();
        }
    }

    private void zeroAndFlushAll(WgPeer peer, DropReason reason) {
        Keypairs s = peer.keypairs;
        deleteKeypair(s.previous);
        deleteKeypair(s.current);
        deleteKeypair(s.next);
        s.previous = null;
        s.current = null;
        s.next = null;
        releaseHandshakeIndex(peer);
        peer.handshake.clear();
        flushStaged(peer, reason);
        out.event(new WgEvent.KeysZeroed(peer.publicKey()));
    }

    private void transmit(WgPeer peer, byte[] d) {
        if (peer.endpoint == null) {
            drop(DropReason.NO_ENDPOINT, peer.publicKey(), d.length);
            return;
        }
        peer.txBytes += d.length;
        out.transmit(new Datagram(peer.endpoint, d));
    }

    private void drop(DropReason reason, PublicKey peer, int length) {
        dropCounts[reason.ordinal()]++;
        out.drop(new Drop(reason, peer, length));
    }

    // ---------------------------------------------------------------- receiving (receive.go)

    private void receiveHandshake(long now, InetSocketAddress from, byte[] d, int off, int len, int type) {
        if (!load.admit(now)) {
            drop(DropReason.HANDSHAKE_QUEUE_FULL, null, len);
            return;
        }
        if (!cookieChecker.checkMac1(d, off, len)) {
            drop(DropReason.BAD_MAC1, null, len);
            return;
        }
        if (load.underLoad(now)) {
            byte[] src = from.getAddress().getAddress();
            if (!cookieChecker.checkMac2(d, off, len, src, from.getPort(), now)) {
                cryptoOps[CryptoOp.COOKIE_REPLY_CREATED.ordinal()]++;
                byte[] reply = cookieChecker.createReply(d, off, len, src, from.getPort(), now, entropy);
                out.transmit(new Datagram(from, reply));
                out.event(new WgEvent.CookieSent(null, from));
                drop(DropReason.NEEDS_COOKIE, null, len);
                return;
            }
            if (!rateLimiter.allow(src, now)) {
                drop(DropReason.RATE_LIMITED, null, len);
                return;
            }
        }
        if (type == MessageType.INITIATION) {
            MessageInitiation msg = MessageInitiation.decode(d, off, len);
            cryptoOps[CryptoOp.INITIATION_CONSUMED.ordinal()]++;
            ConsumedInitiation res = noise.consumeInitiation(msg, now, key -> {
                WgPeer p = peers.get(key);
                return p == null ? null : p.handshake;
            });
            if (!res.ok()) {
                drop(reasonFor(res.rejection()), null, len);
                return;
            }
            WgPeer peer = peers.get(res.handshake().remoteStatic());
            touch(peer);
            peer.timers.anyAuthenticatedPacketTraversal(now, peer.persistentKeepaliveSeconds);
            peer.timers.anyAuthenticatedPacketReceived();
            setEndpointFromPacket(peer, from);
            peer.rxBytes += len;
            sendHandshakeResponse(peer, now);
        } else {
            MessageResponse msg = MessageResponse.decode(d, off, len);
            IndexEntry e = indices.lookup(msg.receiver());
            if (e == null || e.keypair() != null) {
                drop(DropReason.UNKNOWN_INDEX, null, len);
                return;
            }
            WgPeer peer = e.peer();
            touch(peer);
            cryptoOps[CryptoOp.RESPONSE_CONSUMED.ordinal()]++;
            HandshakeRejection r = noise.consumeResponse(msg, peer.handshake);
            if (r != null) {
                drop(r == HandshakeRejection.WRONG_STATE ? DropReason.UNEXPECTED_RESPONSE : reasonFor(r),
                        peer.publicKey(), len);
                return;
            }
            setEndpointFromPacket(peer, from);
            peer.rxBytes += len;
            peer.timers.anyAuthenticatedPacketTraversal(now, peer.persistentKeepaliveSeconds);
            peer.timers.anyAuthenticatedPacketReceived();
            beginSymmetricSession(peer, now);
            peer.timers.sessionDerived(now, constants);
            handshakeComplete(peer, now, Role.INITIATOR);
            sendKeepalive(peer, now, false);
        }
    }

    private static DropReason reasonFor(HandshakeRejection r) {
        switch (r) {
            case UNKNOWN_PEER: return DropReason.UNKNOWN_PEER;
            case STALE_TIMESTAMP: return DropReason.STALE_TIMESTAMP;
            case FLOOD: return DropReason.FLOOD;
            case WRONG_STATE: return DropReason.UNEXPECTED_RESPONSE;
            default: return DropReason.HANDSHAKE_FAILED;
        }
    }

    private void handshakeComplete(WgPeer peer, long now, Role role) {
        peer.timers.handshakeComplete();
        peer.hasHandshake = true;
        peer.lastHandshakeNanos = now;
        out.event(new WgEvent.HandshakeCompleted(peer.publicKey(), role));
    }

    private void receiveCookieReply(long now, byte[] d, int off, int len) {
        if (!load.admit(now)) {
            drop(DropReason.HANDSHAKE_QUEUE_FULL, null, len);
            return;
        }
        MessageCookieReply msg = MessageCookieReply.decode(d, off, len);
        IndexEntry e = indices.lookup(msg.receiver());
        if (e == null) {
            drop(DropReason.UNKNOWN_INDEX, null, len);
            return;
        }
        if (!e.peer().cookieGenerator.consumeReply(msg, now)) {
            drop(DropReason.BAD_COOKIE, e.peer().publicKey(), len);
            return;
        }
        out.event(new WgEvent.CookieReceived(e.peer().publicKey()));
    }

    private void receiveTransport(long now, InetSocketAddress from, byte[] d, int off, int len) {
        IndexEntry e = indices.lookup(MessageTransport.receiver(d, off));
        if (e == null || e.keypair() == null) {
            drop(DropReason.UNKNOWN_INDEX, null, len);
            return;
        }
        Keypair kp = e.keypair();
        WgPeer peer = kp.peer;
        touch(peer);
        if (now - kp.createdNanos > constants.rejectAfterTime()) {
            drop(DropReason.EXPIRED_KEYPAIR, peer.publicKey(), len);
            return;
        }
        long counter = MessageTransport.counter(d, off);
        int plaintext = len - MessageTransport.MIN_SIZE;
        if (scratch.length < plaintext) {
            scratch = new byte[Math.max(plaintext, Math.min(MAX_PLAINTEXT, 2 * scratch.length))];
        }
        cryptoOps[CryptoOp.TRANSPORT_OPENED.ordinal()]++;
        int n = kp.receive.open(counter, d, off + MessageTransport.HEADER_SIZE, len - MessageTransport.HEADER_SIZE,
                scratch, 0);
        if (n < 0) {
            drop(DropReason.DECRYPT_FAILED, peer.publicKey(), len);
            return;
        }
        if (!kp.replay.accept(counter)) {
            drop(DropReason.REPLAY, peer.publicKey(), len);
            return;
        }
        setEndpointFromPacket(peer, from);
        if (peer.keypairs.next == kp) {
            Keypairs s = peer.keypairs;
            deleteKeypair(s.previous);
            s.previous = s.current;
            s.current = kp;
            s.next = null;
            out.event(new WgEvent.KeypairRotated(peer.publicKey(), Role.RESPONDER));
            handshakeComplete(peer, now, Role.RESPONDER);
            sendStagedPackets(peer, now);
        }
        peer.rxBytes += len;
        keepKeyFreshReceiving(peer, now);
        peer.timers.anyAuthenticatedPacketTraversal(now, peer.persistentKeepaliveSeconds);
        peer.timers.anyAuthenticatedPacketReceived();
        if (n == 0) {
            return;
        }
        peer.timers.dataReceived(now, constants);
        deliverInner(peer, n);
    }

    /** §5.2 step 6: trim to the IP length and check the inner source against allowed IPs. */
    private void deliverInner(WgPeer peer, int n) {
        int version = (scratch[0] & 0xff) >>> 4;
        int length;
        int srcOff;
        int alen;
        if (version == 4 && n >= 20) {
            length = (scratch[2] & 0xff) << 8 | (scratch[3] & 0xff);
            if (length < 20 || length > n) {
                drop(DropReason.INVALID_INNER, peer.publicKey(), n);
                return;
            }
            srcOff = 12;
            alen = 4;
        } else if (version == 6 && n >= 40) {
            length = ((scratch[4] & 0xff) << 8 | (scratch[5] & 0xff)) + 40;
            if (length > n) {
                drop(DropReason.INVALID_INNER, peer.publicKey(), n);
                return;
            }
            srcOff = 8;
            alen = 16;
        } else {
            drop(DropReason.INVALID_INNER, peer.publicKey(), n);
            return;
        }
        if (allowedIps.lookup(scratch, srcOff, alen) != peer) {
            drop(DropReason.ALLOWED_IPS, peer.publicKey(), length);
            return;
        }
        out.deliver(new InnerPacket(peer.publicKey(), Arrays.copyOf(scratch, length)));
    }

    /** Roaming (§8.1): only ever called after the packet authenticated. */
    private void setEndpointFromPacket(WgPeer peer, InetSocketAddress from) {
        if (!from.equals(peer.endpoint)) {
            out.event(new WgEvent.EndpointChanged(peer.publicKey(), peer.endpoint, from));
            peer.endpoint = from;
        }
    }

    private void requireOwn(WgPeer peer) {
        if (peer == null || peers.get(peer.publicKey()) != peer) {
            throw new IllegalArgumentException("not a peer of this device: " + peer);
        }
    }
}
