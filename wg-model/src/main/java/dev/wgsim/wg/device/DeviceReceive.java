package dev.wgsim.wg.device;

import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.noise.ConsumedInitiation;
import dev.wgsim.wg.noise.Handshake;
import dev.wgsim.wg.noise.HandshakeRejection;
import dev.wgsim.wg.noise.MessageCookieReply;
import dev.wgsim.wg.noise.MessageInitiation;
import dev.wgsim.wg.noise.MessageResponse;
import dev.wgsim.wg.noise.MessageTransport;
import dev.wgsim.wg.noise.MessageType;
import java.net.InetSocketAddress;
import java.util.function.Function;

/**
 * The receiving half of a {@link WgDevice} (wireguard-go receive.go): a datagram's type and size,
 * the handshake gate (handshake queue, mac1, under load mac2 and cookie replies, rate limit), both
 * handshake messages, cookie replies, transport decryption with the replay window, the
 * responder's key confirmation, roaming, and the inner packet's allowed-IPs check.
 */
final class DeviceReceive {
    private static final byte[] EMPTY = new byte[0];

    private final WgDevice d;
    /** The handshake of the peer with this static key, for consuming an initiation (null when unknown). */
    private final Function<PublicKey, Handshake> handshakeOf;
    /*
     * Decrypted plaintext (separate from the send side's because a receive can flush staged
     * sends). Grown to the largest packet seen, as there.
     */
    private byte[] scratch = EMPTY;

    DeviceReceive(WgDevice device) {
        this.d = device;
        this.handshakeOf = key -> {
            WgPeer p = device.peers.get(key);
            if (p == null) {
                return null;
            }
            device.countStaticStaticIfNew(p.handshake); // consumeInitiation agrees it right after this lookup
            return p.handshake;
        };
    }

    /**
     * One datagram into the device's output. Exactly one of {@code udp} (plain WireGuard) and
     * {@code via} (the layer below's kind) is non-null.
     */
    void datagram(long now, InetSocketAddress udp, WgEndpoint via, byte[] buf, int off, int len) {
        if ((udp == null && via == null) || buf == null || off < 0 || len < 0 || off + len > buf.length) {
            throw new IllegalArgumentException("bad receive call: from=" + (udp != null ? udp : via) + " off=" + off
                    + " len=" + len);
        }
        long type = MessageType.typeOf(buf, off, len);
        if (type == MessageType.TRANSPORT) {
            if (len < MessageTransport.MIN_SIZE || len - MessageTransport.MIN_SIZE > WgDevice.MAX_PLAINTEXT) {
                d.drop(DropReason.MALFORMED, null, len);
            } else {
                receiveTransport(now, udp, via, buf, off, len);
            }
        } else if (type == MessageType.INITIATION || type == MessageType.RESPONSE) {
            int expect = type == MessageType.INITIATION ? MessageInitiation.SIZE : MessageResponse.SIZE;
            if (len != expect) {
                d.drop(DropReason.MALFORMED, null, len);
            } else {
                receiveHandshake(now, udp, via, buf, off, len, (int) type);
            }
        } else if (type == MessageType.COOKIE_REPLY) {
            if (len != MessageCookieReply.SIZE) {
                d.drop(DropReason.MALFORMED, null, len);
            } else {
                receiveCookieReply(now, buf, off, len);
            }
        } else {
            d.drop(type < 0 ? DropReason.MALFORMED : DropReason.UNKNOWN_TYPE, null, len);
        }
    }

    private void receiveHandshake(long now, InetSocketAddress udp, WgEndpoint via, byte[] buf, int off, int len,
                                  int type) {
        if (!d.load.admit(now)) {
            d.drop(DropReason.HANDSHAKE_QUEUE_FULL, null, len);
            return;
        }
        if (!d.cookieChecker.checkMac1(buf, off, len)) {
            d.drop(DropReason.BAD_MAC1, null, len);
            return;
        }
        if (d.load.underLoad(now)) {
            byte[] src = udp != null ? udp.getAddress().getAddress() : via.cookieAddress();
            int port = udp != null ? udp.getPort() : via.cookiePort();
            if (!d.cookieChecker.checkMac2(buf, off, len, src, port, now)) {
                d.cryptoOps[CryptoOp.COOKIE_REPLY_CREATED.ordinal()]++;
                byte[] reply = d.cookieChecker.createReply(buf, off, len, src, port, now, d.entropy);
                d.out.transmit(udp != null ? new Datagram(udp, reply) : new Datagram(via, reply));
                d.out.event(new WgEvent.CookieSent(null, udp));
                d.drop(DropReason.NEEDS_COOKIE, null, len);
                return;
            }
            if (!d.rateLimiter.allow(src, now)) {
                d.drop(DropReason.RATE_LIMITED, null, len);
                return;
            }
        }
        if (type == MessageType.INITIATION) {
            MessageInitiation msg = MessageInitiation.decode(buf, off, len);
            d.cryptoOps[CryptoOp.INITIATION_CONSUMED.ordinal()]++;
            ConsumedInitiation res = d.noise.consumeInitiation(msg, now, handshakeOf);
            if (!res.ok()) {
                d.drop(reasonFor(res.rejection()), null, len);
                return;
            }
            WgPeer peer = d.peers.get(res.handshake().remoteStatic());
            d.timers.touch(peer);
            peer.timers.anyAuthenticatedPacketTraversal(now, peer.persistentKeepaliveSeconds);
            peer.timers.anyAuthenticatedPacketReceived();
            setEndpointFromPacket(peer, udp);
            peer.rxBytes += len;
            d.send.handshakeResponse(peer, now);
        } else {
            MessageResponse msg = MessageResponse.decode(buf, off, len);
            IndexEntry e = d.indices.lookup(msg.receiver());
            if (e == null || e.keypair() != null) {
                d.drop(DropReason.UNKNOWN_INDEX, null, len);
                return;
            }
            WgPeer peer = e.peer();
            d.timers.touch(peer);
            d.cryptoOps[CryptoOp.RESPONSE_CONSUMED.ordinal()]++;
            HandshakeRejection r = d.noise.consumeResponse(msg, peer.handshake);
            if (r != null) {
                d.drop(r == HandshakeRejection.WRONG_STATE ? DropReason.UNEXPECTED_RESPONSE : reasonFor(r),
                        peer.publicKey(), len);
                return;
            }
            setEndpointFromPacket(peer, udp);
            peer.rxBytes += len;
            peer.timers.anyAuthenticatedPacketTraversal(now, peer.persistentKeepaliveSeconds);
            peer.timers.anyAuthenticatedPacketReceived();
            d.beginSymmetricSession(peer, now);
            peer.timers.sessionDerived(now, d.constants);
            handshakeComplete(peer, now, Role.INITIATOR);
            d.send.keepalive(peer, now, false);
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
        d.out.event(new WgEvent.HandshakeCompleted(peer.publicKey(), role));
    }

    private void receiveCookieReply(long now, byte[] buf, int off, int len) {
        if (!d.load.admit(now)) {
            d.drop(DropReason.HANDSHAKE_QUEUE_FULL, null, len);
            return;
        }
        MessageCookieReply msg = MessageCookieReply.decode(buf, off, len);
        IndexEntry e = d.indices.lookup(msg.receiver());
        if (e == null) {
            d.drop(DropReason.UNKNOWN_INDEX, null, len);
            return;
        }
        if (!e.peer().cookieGenerator.consumeReply(msg, now)) {
            d.drop(DropReason.BAD_COOKIE, e.peer().publicKey(), len);
            return;
        }
        d.out.event(new WgEvent.CookieReceived(e.peer().publicKey()));
    }

    private void receiveTransport(long now, InetSocketAddress udp, WgEndpoint via, byte[] buf, int off, int len) {
        IndexEntry e = d.indices.lookup(MessageTransport.receiver(buf, off));
        if (e == null || e.keypair() == null) {
            d.drop(DropReason.UNKNOWN_INDEX, null, len);
            return;
        }
        Keypair kp = e.keypair();
        WgPeer peer = kp.peer;
        d.timers.touch(peer);
        if (now - kp.createdNanos > d.constants.rejectAfterTime()) {
            d.drop(DropReason.EXPIRED_KEYPAIR, peer.publicKey(), len);
            return;
        }
        long counter = MessageTransport.counter(buf, off);
        int plaintext = len - MessageTransport.MIN_SIZE;
        if (scratch.length < plaintext) {
            scratch = new byte[Math.max(plaintext, Math.min(WgDevice.MAX_PLAINTEXT, 2 * scratch.length))];
        }
        d.cryptoOps[CryptoOp.TRANSPORT_OPENED.ordinal()]++;
        int n = kp.receive.open(counter, buf, off + MessageTransport.HEADER_SIZE, len - MessageTransport.HEADER_SIZE,
                scratch, 0);
        if (n < 0) {
            d.drop(DropReason.DECRYPT_FAILED, peer.publicKey(), len);
            return;
        }
        if (!kp.replay.accept(counter)) {
            d.drop(DropReason.REPLAY, peer.publicKey(), len);
            return;
        }
        setEndpointFromPacket(peer, udp);
        if (peer.keypairs.next == kp) {
            Keypairs s = peer.keypairs;
            d.deleteKeypair(s.previous);
            s.previous = s.current;
            s.current = kp;
            s.next = null;
            d.out.event(new WgEvent.KeypairRotated(peer.publicKey(), Role.RESPONDER));
            handshakeComplete(peer, now, Role.RESPONDER);
            d.send.stagedPackets(peer, now);
        }
        peer.rxBytes += len;
        keepKeyFreshReceiving(peer, now);
        peer.timers.anyAuthenticatedPacketTraversal(now, peer.persistentKeepaliveSeconds);
        peer.timers.anyAuthenticatedPacketReceived();
        if (n == 0) {
            return;
        }
        peer.timers.dataReceived(now, d.constants);
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
                d.drop(DropReason.INVALID_INNER, peer.publicKey(), n);
                return;
            }
            srcOff = 12;
            alen = 4;
        } else if (version == 6 && n >= 40) {
            length = ((scratch[4] & 0xff) << 8 | (scratch[5] & 0xff)) + 40;
            if (length > n) {
                d.drop(DropReason.INVALID_INNER, peer.publicKey(), n);
                return;
            }
            srcOff = 8;
            alen = 16;
        } else {
            d.drop(DropReason.INVALID_INNER, peer.publicKey(), n);
            return;
        }
        if (d.allowedIps.lookup(scratch, srcOff, alen) != peer) {
            d.drop(DropReason.ALLOWED_IPS, peer.publicKey(), length);
            return;
        }
        d.out.deliver(InnerPacket.view(peer.publicKey(), scratch, length));
    }

    /**
     * Roaming (§8.1): only ever called after the packet authenticated. Only between UDP endpoints:
     * a datagram the layer below attributed ({@code udp} null) or a peer whose endpoint is of the
     * layer below's kind keeps its endpoint (that layer owns path choice).
     */
    private void setEndpointFromPacket(WgPeer peer, InetSocketAddress udp) {
        WgEndpoint current = peer.endpoint;
        InetSocketAddress old = null;
        if (current instanceof UdpEndpoint u) {
            old = u.address();
            if (old.equals(udp)) {
                return;
            }
        } else if (current != null) {
            return;
        }
        if (udp != null) {
            d.out.event(new WgEvent.EndpointChanged(peer.publicKey(), old, udp));
            peer.endpoint = new UdpEndpoint(udp);
        }
    }

    private void keepKeyFreshReceiving(WgPeer peer, long now) {
        if (peer.timers.sentLastMinuteHandshake) {
            return;
        }
        Keypair kp = peer.keypairs.current;
        Constants c = d.constants;
        if (kp != null && kp.isInitiator && now - kp.createdNanos
                > c.rejectAfterTime() - c.keepaliveTimeout() - c.rekeyTimeout()) {
            peer.timers.sentLastMinuteHandshake = true;
            d.send.handshakeInitiation(peer, now, false);
        }
    }
}
