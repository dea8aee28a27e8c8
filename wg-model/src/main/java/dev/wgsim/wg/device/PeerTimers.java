package dev.wgsim.wg.device;

/**
 * The five one-shot timers of a peer and their flags (wireguard-go timers.go), as absolute
 * virtual deadlines; {@link #OFF} = not armed. Hooks are named after the event that calls them.
 */
final class PeerTimers {
    static final long OFF = Long.MAX_VALUE;

    long retransmitHandshake = OFF;
    long sendKeepalive = OFF;
    long newHandshake = OFF;
    long zeroKeyMaterial = OFF;
    long persistentKeepalive = OFF;

    int handshakeAttempts;
    boolean needAnotherKeepalive;
    boolean sentLastMinuteHandshake;

    long earliest() {
        return Math.min(Math.min(retransmitHandshake, sendKeepalive),
                Math.min(Math.min(newHandshake, zeroKeyMaterial), persistentKeepalive));
    }

    void dataSent(long now, Constants c, long jitter) {
        if (newHandshake == OFF) {
            newHandshake = now + c.keepaliveTimeout() + c.rekeyTimeout() + jitter;
        }
    }

    void dataReceived(long now, Constants c) {
        if (sendKeepalive == OFF) {
            sendKeepalive = now + c.keepaliveTimeout();
        } else {
            needAnotherKeepalive = true;
        }
    }

    void anyAuthenticatedPacketSent() {
        sendKeepalive = OFF;
    }

    void anyAuthenticatedPacketReceived() {
        newHandshake = OFF;
    }

    void handshakeInitiated(long now, Constants c, long jitter) {
        retransmitHandshake = now + c.rekeyTimeout() + jitter;
    }

    void handshakeComplete() {
        retransmitHandshake = OFF;
        handshakeAttempts = 0;
        sentLastMinuteHandshake = false;
    }

    void sessionDerived(long now, Constants c) {
        zeroKeyMaterial = now + c.zeroKeyMaterialDelay();
    }

    void anyAuthenticatedPacketTraversal(long now, int persistentKeepaliveSeconds) {
        if (persistentKeepaliveSeconds > 0) {
            persistentKeepalive = now + persistentKeepaliveSeconds * 1_000_000_000L;
        }
    }
}
