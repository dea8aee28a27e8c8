package dev.wgsim.wg.noise;

/** Outcome of consuming an initiation: the peer's handshake on success, else the rejection. */
public record ConsumedInitiation(Handshake handshake, HandshakeRejection rejection) {
    public boolean ok() {
        return rejection == null;
    }
}
