package dev.wgsim.wg.device;

import dev.wgsim.wg.crypto.PublicKey;
import java.net.InetSocketAddress;

/** A protocol event, carrying the public key of the peer it concerns (null only where noted). */
public sealed interface WgEvent {
    PublicKey peer();

    /** An initiation was sent; {@code attempt} = handshakeAttempts (0 for the first). */
    record HandshakeInitiated(PublicKey peer, boolean retry, int attempt) implements WgEvent {}

    /** A response was sent to a valid initiation. */
    record HandshakeResponded(PublicKey peer) implements WgEvent {}

    /** Initiator consumed the response, or responder received the first packet on the new keypair. */
    record HandshakeCompleted(PublicKey peer, Role role) implements WgEvent {}

    /** Transport keys were derived; localIndex is ours for the new keypair. */
    record SessionDerived(PublicKey peer, Role role, int localIndex, int remoteIndex) implements WgEvent {}

    /** The keypair used for sending changed (initiator: new current; responder: next became current). */
    record KeypairRotated(PublicKey peer, Role role) implements WgEvent {}

    /** The peer's endpoint moved after an authenticated packet (old is null when first learned). */
    record EndpointChanged(PublicKey peer, InetSocketAddress oldEndpoint, InetSocketAddress newEndpoint) implements WgEvent {}

    /** All keypairs and handshake state of the peer were wiped. */
    record KeysZeroed(PublicKey peer) implements WgEvent {}

    /** Retries exhausted; staged packets dropped. */
    record GaveUp(PublicKey peer, int droppedPackets) implements WgEvent {}

    /**
     * A cookie reply was sent to {@code to}; {@code peer} is null (the sender is not yet known), and
     * {@code to} is null when the datagram came through an endpoint kind the layer below resolves.
     */
    record CookieSent(PublicKey peer, InetSocketAddress to) implements WgEvent {}

    /** A cookie reply from the peer decrypted and was stored. */
    record CookieReceived(PublicKey peer) implements WgEvent {}

    /** An empty transport packet was sent; persistent = from the persistent-keepalive timer. */
    record KeepaliveSent(PublicKey peer, boolean persistent) implements WgEvent {}
}
