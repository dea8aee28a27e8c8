package dev.wgsim.wg.device;

import dev.wgsim.wg.crypto.TransportAead;
import dev.wgsim.wg.crypto.TransportAeads;
import dev.wgsim.wg.session.ReplayWindow;
import java.util.Base64;

/**
 * One session's transport state (wireguard-go Keypair): send and receive ciphers (kept for the
 * keypair's life, re-initialised per packet), the send counter, the replay filter, the role and
 * creation time, and both indices.
 */
final class Keypair {
    final WgPeer peer;
    final TransportAead send;
    final TransportAead receive;
    final ReplayWindow replay;
    final boolean isInitiator;
    final long createdNanos;
    final int localIndex;
    final int remoteIndex;
    /** Next counter to use (unsigned). */
    long sendNonce;
    /** base64 of the send key, for the teaching view only (never logged); dropped on destroy. */
    private String sendKeyBase64;

    Keypair(WgPeer peer, byte[] sendKey, byte[] receiveKey, boolean isInitiator, long createdNanos, int localIndex,
            int remoteIndex, long rejectAfterMessages, TransportAeads.Provider provider) {
        this.peer = peer;
        this.send = TransportAeads.create(provider, sendKey);
        this.receive = TransportAeads.create(provider, receiveKey);
        this.replay = new ReplayWindow(rejectAfterMessages);
        this.isInitiator = isInitiator;
        this.createdNanos = createdNanos;
        this.localIndex = localIndex;
        this.remoteIndex = remoteIndex;
        this.sendKeyBase64 = Base64.getEncoder().encodeToString(sendKey);
    }

    String sendKeyBase64() {
        return sendKeyBase64;
    }

    void destroy() {
        sendKeyBase64 = null;
        send.destroy();
        receive.destroy();
    }
}
