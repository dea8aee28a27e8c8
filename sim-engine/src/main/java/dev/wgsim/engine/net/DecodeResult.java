package dev.wgsim.engine.net;

/**
 * The outcome of decoding wire bytes: exactly one of a packet or the reason it was refused.
 */
public record DecodeResult(IpPacket packet, DropReason reason) {

    public DecodeResult {
        if ((packet == null) == (reason == null)) {
            throw new IllegalArgumentException("exactly one of packet and reason");
        }
    }

    static DecodeResult ok(IpPacket packet) {
        return new DecodeResult(packet, null);
    }

    static DecodeResult drop(DropReason reason) {
        return new DecodeResult(null, reason);
    }

    public boolean isOk() {
        return packet != null;
    }
}
