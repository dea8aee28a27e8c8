package dev.wgsim.wg.device;

import java.util.ArrayList;

/**
 * The timer half of a {@link WgDevice} (wireguard-go timers.go): which peers are due, and what
 * each of the five timers does when it expires. Timers in O(log P): peers with an armed timer sit
 * in a heap on their earliest deadline; a call records the peers whose timers it may change
 * ({@link #touch}), and their heap places are fixed before the device next answers
 * {@link #nextTimeout} or {@link #handleTimeout}.
 */
final class DeviceTimers {
    private final WgDevice d;
    private final PeerDeadlines deadlines = new PeerDeadlines();
    private final ArrayList<WgPeer> stale = new ArrayList<>();
    private final ArrayList<WgPeer> due = new ArrayList<>();

    DeviceTimers(WgDevice device) {
        this.d = device;
    }

    /** Records that this call may change the peer's timers. */
    void touch(WgPeer peer) {
        if (!peer.deadlineStale) {
            peer.deadlineStale = true;
            stale.add(peer);
        }
    }

    /** Forgets a removed peer. */
    void remove(WgPeer peer) {
        deadlines.remove(peer);
    }

    long nextTimeout() {
        refreshDeadlines();
        return deadlines.earliest();
    }

    private void refreshDeadlines() {
        for (int i = 0; i < stale.size(); i++) {
            WgPeer p = stale.get(i);
            p.deadlineStale = false;
            if (!p.removed) { // a flag, not a keyed lookup: this runs for about every packet
                deadlines.update(p);
            }
        }
        stale.clear();
    }

    /** Fires every timer due at or before {@code now} into the device's output (see {@link WgDevice#handleTimeout}). */
    void handleTimeout(long now) {
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
                long at = t.earliest();
                if (at > now) {
                    break;
                }
                if (t.retransmitHandshake == at) {
                    t.retransmitHandshake = PeerTimers.OFF;
                    expiredRetransmitHandshake(peer, now);
                } else if (t.sendKeepalive == at) {
                    t.sendKeepalive = PeerTimers.OFF;
                    expiredSendKeepalive(peer, now);
                } else if (t.newHandshake == at) {
                    t.newHandshake = PeerTimers.OFF;
                    expiredNewHandshake(peer, now);
                } else if (t.zeroKeyMaterial == at) {
                    t.zeroKeyMaterial = PeerTimers.OFF;
                    expiredZeroKeyMaterial(peer, now);
                } else {
                    t.persistentKeepalive = PeerTimers.OFF;
                    expiredPersistentKeepalive(peer, now);
                }
            }
        }
        due.clear();
    }

    private void expiredRetransmitHandshake(WgPeer peer, long now) {
        Constants c = d.constants;
        if (peer.timers.handshakeAttempts > c.maxTimerHandshakes()) {
            peer.timers.sendKeepalive = PeerTimers.OFF;
            int dropped = d.send.flushStaged(peer, DropReason.GAVE_UP);
            d.out.event(new WgEvent.GaveUp(peer.publicKey(), dropped));
            if (peer.timers.zeroKeyMaterial == PeerTimers.OFF) {
                peer.timers.zeroKeyMaterial = now + c.zeroKeyMaterialDelay();
            }
        } else {
            peer.timers.handshakeAttempts++;
            d.send.handshakeInitiation(peer, now, true);
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
        boolean goesOutAsTransport = d.send.usableForSending(peer.keypairs.current, now);
        d.send.keepalive(peer, now, false);
        if (peer.timers.needAnotherKeepalive) {
            peer.timers.needAnotherKeepalive = false;
            if (!goesOutAsTransport) {
                peer.timers.sendKeepalive = now + d.constants.keepaliveTimeout();
            }
        }
    }

    private void expiredNewHandshake(WgPeer peer, long now) {
        d.send.handshakeInitiation(peer, now, false);
    }

    private void expiredZeroKeyMaterial(WgPeer peer, long now) {
        d.zeroAndFlushAll(peer, DropReason.KEYS_ZEROED);
    }

    private void expiredPersistentKeepalive(WgPeer peer, long now) {
        if (peer.persistentKeepaliveSeconds > 0) {
            d.send.keepalive(peer, now, true);
        }
    }

    /** Up to REKEY_TIMEOUT_JITTER_MAX, drawn from the device's entropy. */
    long jitter() {
        return d.entropy.nextInt(d.constants.rekeyTimeoutJitterMaxMs()) * 1_000_000L;
    }
}
