package dev.wgsim.wg.noise;

/** Where a peer's handshake stands (wireguard-go handshakeState). */
public enum HandshakeState {
    ZEROED,
    INITIATION_CREATED,
    INITIATION_CONSUMED,
    RESPONSE_CREATED,
    RESPONSE_CONSUMED
}
