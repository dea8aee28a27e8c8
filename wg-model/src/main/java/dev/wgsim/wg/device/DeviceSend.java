package dev.wgsim.wg.device;

import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.Tai64n;
import dev.wgsim.wg.noise.MessageInitiation;
import dev.wgsim.wg.noise.MessageResponse;
import dev.wgsim.wg.noise.MessageTransport;
import java.util.Arrays;

/**
 * The sending half of a {@link WgDevice} (wireguard-go send.go): routing an inner packet by
 * allowed IPs, staging while there is no session, sealing transport packets with padding, the
 * send-side rekey check, keepalives, and building both handshake messages. Everything it produces
 * goes into the device's output.
 */
final class DeviceSend {
    private static final byte[] EMPTY = new byte[0];

    private final WgDevice d;
    /*
     * Padded plaintext on send. Grown to the largest packet seen rather than 64 KiB up front: a
     * hub's ten thousand spokes that only ever ping hold a few hundred bytes each, not 64 KiB.
     */
    private byte[] scratch = EMPTY;

    DeviceSend(WgDevice device) {
        this.d = device;
    }

    /** The peer whose allowed IPs contain the packet's destination; null (and dropped) when none or not IP. */
    WgPeer route(byte[] p, int off, int len) {
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
            d.drop(DropReason.INVALID_INNER, null, len);
            return null;
        }
        WgPeer peer = d.allowedIps.lookup(p, off + dstOff, alen);
        if (peer == null) {
            d.drop(DropReason.NO_ROUTE, null, len);
        }
        return peer;
    }

    void stage(WgPeer peer, byte[] packet) {
        if (peer.staged.size() >= d.constants.stagedQueueSize()) {
            byte[] oldest = peer.staged.pollFirst();
            if (oldest.length > 0) {
                d.drop(DropReason.STAGED_QUEUE_FULL, peer.publicKey(), oldest.length);
            }
        }
        peer.staged.addLast(packet);
    }

    /** Drops every staged packet (keepalive placeholders uncounted); returns how many. */
    int flushStaged(WgPeer peer, DropReason reason) {
        int n = 0;
        for (byte[] p; (p = peer.staged.pollFirst()) != null; ) {
            if (p.length > 0) {
                d.drop(reason, peer.publicKey(), p.length);
                n++;
            }
        }
        return n;
    }

    boolean usableForSending(Keypair kp, long now) {
        Constants c = d.constants;
        return kp != null && Long.compareUnsigned(kp.sendNonce, c.rejectAfterMessages()) < 0
                && now - kp.createdNanos < c.rejectAfterTime();
    }

    void keepalive(WgPeer peer, long now, boolean persistent) {
        if (peer.staged.isEmpty()) {
            peer.staged.addLast(EMPTY);
        }
        peer.keepaliveIsPersistent = persistent;
        stagedPackets(peer, now);
    }

    /** Sends what is staged on the current keypair, or starts a handshake when it cannot send. */
    void stagedPackets(WgPeer peer, long now) {
        while (!peer.staged.isEmpty()) {
            Keypair kp = peer.keypairs.current;
            if (!usableForSending(kp, now)) {
                handshakeInitiation(peer, now, false);
                return;
            }
            boolean exhausted = false;
            long reject = d.constants.rejectAfterMessages();
            for (byte[] p; (p = peer.staged.pollFirst()) != null; ) {
                long nonce = kp.sendNonce++;
                if (Long.compareUnsigned(nonce, reject) >= 0) {
                    kp.sendNonce = reject;
                    peer.staged.addFirst(p);
                    exhausted = true;
                    break;
                }
                transport(peer, kp, nonce, p, 0, p.length, now);
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
    void transport(WgPeer peer, Keypair kp, long nonce, byte[] p, int off, int len, long now) {
        int padded = paddedLength(len);
        byte[] m = new byte[MessageTransport.HEADER_SIZE + padded + 16];
        MessageTransport.writeHeader(m, 0, kp.remoteIndex, nonce);
        d.cryptoOps[CryptoOp.TRANSPORT_SEALED.ordinal()]++;
        if (padded == len) {
            kp.send.seal(nonce, p, off, len, m, MessageTransport.HEADER_SIZE);
        } else {
            if (scratch.length < padded) {
                scratch = new byte[Math.max(padded, Math.min(WgDevice.MAX_PLAINTEXT, 2 * scratch.length))];
            }
            System.arraycopy(p, off, scratch, 0, len);
            Arrays.fill(scratch, len, padded, (byte) 0);
            kp.send.seal(nonce, scratch, 0, padded, m, MessageTransport.HEADER_SIZE);
        }
        peer.timers.anyAuthenticatedPacketTraversal(now, peer.persistentKeepaliveSeconds);
        peer.timers.anyAuthenticatedPacketSent();
        transmit(peer, m);
        if (len > 0) {
            peer.timers.dataSent(now, d.constants, d.timers.jitter());
        } else {
            d.out.event(new WgEvent.KeepaliveSent(peer.publicKey(), peer.keepaliveIsPersistent));
        }
        keepKeyFreshSending(peer, now);
    }

    /** §5.1: round up to 16 but never beyond the MTU (wireguard-go calculatePaddingSize). */
    private int paddedLength(int len) {
        if (len == 0) {
            return 0;
        }
        int mtu = d.constants.mtu();
        int last = len > mtu ? len % mtu : len;
        int padded = Math.min((last + 15) & ~15, mtu);
        return len + (padded - last);
    }

    private void keepKeyFreshSending(WgPeer peer, long now) {
        Keypair kp = peer.keypairs.current;
        if (kp == null) {
            return;
        }
        Constants c = d.constants;
        if (Long.compareUnsigned(kp.sendNonce, c.rekeyAfterMessages()) > 0
                || (kp.isInitiator && now - kp.createdNanos > c.rekeyAfterTime())) {
            handshakeInitiation(peer, now, false);
        }
    }

    void handshakeInitiation(WgPeer peer, long now, boolean isRetry) {
        if (!isRetry) {
            peer.timers.handshakeAttempts = 0;
        }
        if (peer.hasSentHandshake && now - peer.lastSentHandshakeNanos < d.constants.rekeyTimeout()) {
            return;
        }
        byte[] msg = handshakeMessage(peer, now, true);
        if (msg == null) {
            return;
        }
        peer.timers.anyAuthenticatedPacketTraversal(now, peer.persistentKeepaliveSeconds);
        peer.timers.anyAuthenticatedPacketSent();
        d.out.event(new WgEvent.HandshakeInitiated(peer.publicKey(), isRetry, peer.timers.handshakeAttempts));
        transmit(peer, msg);
        peer.timers.handshakeInitiated(now, d.constants, d.timers.jitter());
    }

    void handshakeResponse(WgPeer peer, long now) {
        byte[] msg = handshakeMessage(peer, now, false);
        if (msg == null) {
            return;
        }
        d.beginSymmetricSession(peer, now);
        peer.timers.sessionDerived(now, d.constants);
        peer.timers.anyAuthenticatedPacketTraversal(now, peer.persistentKeepaliveSeconds);
        peer.timers.anyAuthenticatedPacketSent();
        d.out.event(new WgEvent.HandshakeResponded(peer.publicKey()));
        transmit(peer, msg);
    }

    /**
     * What both handshake messages share: a fresh local index (held until the session is derived
     * or the handshake is dropped), a fresh ephemeral, the Noise step, mac1/mac2, the key log.
     * Returns the message, or null (dropped as HANDSHAKE_FAILED) when a DH is all-zero.
     */
    private byte[] handshakeMessage(WgPeer peer, long now, boolean initiation) {
        peer.hasSentHandshake = true;
        peer.lastSentHandshakeNanos = now;
        d.releaseHandshakeIndex(peer);
        int index = d.indices.insert(d.entropy, new IndexEntry(peer, null));
        peer.holdsHandshakeIndex = true;
        peer.handshakeIndex = index;
        PrivateKey ephemeral = PrivateKey.generate(d.entropy);
        byte[] msg;
        if (initiation) {
            d.cryptoOps[CryptoOp.INITIATION_CREATED.ordinal()]++;
            d.countStaticStaticIfNew(peer.handshake);
            MessageInitiation m = d.noise.createInitiation(peer.handshake, ephemeral,
                    Tai64n.stamp(d.wallEpochUnixNanos, now), index);
            msg = m == null ? null : m.bytes();
        } else {
            d.cryptoOps[CryptoOp.RESPONSE_CREATED.ordinal()]++;
            MessageResponse m = d.noise.createResponse(peer.handshake, ephemeral, index);
            msg = m == null ? null : m.bytes();
        }
        if (msg == null) {
            d.releaseHandshakeIndex(peer);
            d.drop(DropReason.HANDSHAKE_FAILED, peer.publicKey(), 0);
            return null;
        }
        peer.cookieGenerator.addMacs(msg, now);
        if (d.keyLog != null) {
            d.keyLog.handshakeKeys(new HandshakeKeyMaterial(now, d.privateKey, peer.publicKey(), ephemeral,
                    peer.presharedKey()));
        }
        return msg;
    }

    /** To the peer's endpoint, or dropped as NO_ENDPOINT when it has none. */
    void transmit(WgPeer peer, byte[] m) {
        if (peer.endpoint == null) {
            d.drop(DropReason.NO_ENDPOINT, peer.publicKey(), m.length);
            return;
        }
        peer.txBytes += m.length;
        d.out.transmit(new Datagram(peer.endpoint, m));
    }
}
