package dev.wgsim.engine.stream;

import dev.wgsim.engine.net.DropReason;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.time.EventLoop;
import dev.wgsim.engine.trace.Trace;
import java.util.Map;
import java.util.TreeMap;

/**
 * One TCP connection, in real segments over the simulated network (RFC 9293, minimal): three-way
 * handshake with SYN retries, cumulative ACKs sent for every segment received, an out-of-order
 * buffer so later data waits for a lost segment (head-of-line blocking), the RFC 6298
 * retransmission timer (SRTT/RTTVAR, Karn's rule, exponential backoff) retransmitting the oldest
 * unacknowledged segment, a fixed window with no congestion control, FIN close and RST.
 *
 * <p>Left out, on purpose: slow start and congestion avoidance, fast retransmit, delayed ACKs,
 * SACK, window scaling, TIME_WAIT, keepalive probes, urgent data. Control and relay connections
 * carry little data, so their loss recovery is the timeout anyway.
 *
 * <p>Sequence numbers are kept as offsets from the initial sequence numbers (the SYN is offset 0,
 * the first data byte 1); the wire carries them modulo 2^32 from a random ISS.
 */
public final class TcpConnection {
    /** The application's view of the connection. */
    public interface Listener {
        /** The handshake completed; data may flow. */
        void onConnected(TcpConnection c);

        /** In-order bytes arrived. */
        void onData(TcpConnection c, byte[] data);

        /**
         * The connection ended, exactly once: "closed" (by this side), "idle", "peer closed", "reset",
         * "reset by peer", "refused", "timeout".
         */
        void onClosed(TcpConnection c, String reason);
    }

    private enum State { SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT, LAST_ACK, CLOSED }

    private static final long MASK = 0xFFFF_FFFFL;
    /** RFC 6298's clock granularity G: 1 ms, a Linux jiffy at HZ=1000. */
    private static final long CLOCK_GRANULARITY = 1_000_000L;

    private final Host host;
    private final EventLoop loop;
    private final Trace trace;
    private final TcpConfig config;
    private final int localPort;
    private final Endpoint remote;
    private final TcpListener owner;
    private Listener listener;
    private State state;
    private boolean notified;

    private final long iss;
    private long irs;
    private long sndUna;
    private long sndNxt;
    /** Unacknowledged and unsent data; {@code sendBuf[0]} is the byte at offset {@code bufBase}. */
    private byte[] sendBuf = new byte[1024];
    private int sendLen;
    private long bufBase = 1;
    private boolean finQueued;
    private long finSeq = -1;
    private int peerWindow;
    private int mss;

    private long rcvNxt;
    private final TreeMap<Long, byte[]> outOfOrder = new TreeMap<>();
    private long peerFinSeq = -1;
    private boolean finSeen;

    private long srtt = -1;
    private long rttvar;
    private long rto;
    private long rtoHandle = EventLoop.NO_EVENT;
    private int retries;
    private long timedEnd = -1;
    private long timedAt;

    private long idleTimeout;
    private long lastActivity;
    private long idleHandle = EventLoop.NO_EVENT;

    private Runnable onAcked;
    private long bytesSent;
    private long bytesReceived;
    private long retransmissions;

    private TcpConnection(Host host, int localPort, Endpoint remote, TcpConfig config, TcpListener owner, Listener listener) {
        this.host = host;
        this.loop = host.network().loop();
        this.trace = host.network().trace();
        this.config = config;
        this.localPort = localPort;
        this.remote = remote;
        this.owner = owner;
        this.listener = listener;
        this.iss = host.network().random().stream("tcp/" + host.name() + "/" + localPort + "/" + remote).nextInt() & MASK;
        this.rto = config.initialRtoNanos();
        this.peerWindow = config.window();
        int defaultMss = remote.address().isV6() ? 1440 : 1460;
        this.mss = config.mss() > 0 ? config.mss() : defaultMss;
    }

    /**
     * Opens a connection from an ephemeral port of {@code host} to {@code remote}: sends the SYN now;
     * {@code listener.onConnected} follows one round trip later, or {@code onClosed} with "refused"
     * or "timeout".
     */
    public static TcpConnection connect(Host host, Endpoint remote, TcpConfig config, Listener listener) {
        if (host == null || remote == null || config == null || listener == null) {
            throw new IllegalArgumentException("connect needs a host, a remote endpoint, a config and a listener");
        }
        TcpConnection[] self = new TcpConnection[1];
        int port = host.bindTcp(0, (now, p) -> self[0].receive(p));
        TcpConnection c = new TcpConnection(host, port, remote, config, null, listener);
        self[0] = c;
        c.state = State.SYN_SENT;
        c.sndNxt = 1;
        c.timedEnd = 1;
        c.timedAt = c.loop.now();
        c.send(0, TcpSegment.SYN, new byte[0]);
        c.armRto();
        return c;
    }

    /** The server side, created by a listener on a SYN. */
    static TcpConnection accept(Host host, int port, Endpoint remote, TcpConfig config, TcpListener owner, TcpSegment syn) {
        TcpConnection c = new TcpConnection(host, port, remote, config, owner, null);
        c.state = State.SYN_RECEIVED;
        c.irs = syn.seq();
        c.rcvNxt = 1;
        if (syn.mss() > 0) {
            c.mss = Math.min(c.mss, syn.mss());
        }
        c.peerWindow = syn.window();
        c.sndNxt = 1;
        c.timedEnd = 1;
        c.timedAt = c.loop.now();
        c.send(0, TcpSegment.SYN | TcpSegment.ACK, new byte[0]);
        c.armRto();
        return c;
    }

    public Host host() {
        return host;
    }

    public Endpoint remote() {
        return remote;
    }

    public int localPort() {
        return localPort;
    }

    /** Data bytes handed to the network (retransmissions included) and delivered in order. */
    public long bytesSent() {
        return bytesSent;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    public long retransmissions() {
        return retransmissions;
    }

    /** The current retransmission timeout (RFC 6298), for tests and reports. */
    public long rtoNanos() {
        return rto;
    }

    public boolean isOpen() {
        return state == State.ESTABLISHED;
    }

    public boolean isClosed() {
        return state == State.CLOSED;
    }

    /** Bytes written and not yet acknowledged (sent or waiting for the window): the socket's send buffer fill. */
    public int bufferedBytes() {
        return sendLen;
    }

    /** Runs after each acknowledgment that frees send-buffer space (a writer waiting for room). */
    public void setOnAcked(Runnable r) {
        this.onAcked = r;
    }

    /** Replaces the listener (a layer above taking over an accepted connection). */
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    /**
     * Closes the connection after {@code nanos} without data sent or received (0: never), as
     * Tailscale closes idle connections to non-home DERP regions; the reason is "idle".
     */
    public void setIdleTimeout(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("idle timeout must be >= 0");
        }
        idleTimeout = nanos;
        lastActivity = loop.now();
        loop.cancel(idleHandle);
        idleHandle = EventLoop.NO_EVENT;
        if (nanos > 0 && state != State.CLOSED) {
            idleHandle = loop.schedule(lastActivity + nanos, this::onIdleTimer);
        }
    }

    /** Queues bytes for sending (also before the handshake completes); false once closing or closed. */
    public boolean write(byte[] data) {
        if (finQueued || state == State.CLOSED || state == State.LAST_ACK) {
            return false;
        }
        if (data.length == 0) {
            return true;
        }
        if (sendLen + data.length > sendBuf.length) {
            sendBuf = java.util.Arrays.copyOf(sendBuf, Math.max(sendBuf.length * 2, sendLen + data.length));
        }
        System.arraycopy(data, 0, sendBuf, sendLen, data.length);
        sendLen += data.length;
        lastActivity = loop.now();
        pump();
        return true;
    }

    /** Sends a FIN after the queued data; the listener hears "closed" now. */
    public void close() {
        shutdown("closed");
    }

    private void shutdown(String reason) {
        if (state == State.CLOSED || finQueued) {
            return;
        }
        if (state == State.SYN_SENT) {
            terminate(reason);
            return;
        }
        finQueued = true;
        if (state == State.ESTABLISHED || state == State.SYN_RECEIVED) {
            state = State.FIN_WAIT;
        }
        notifyClosed(reason);
        pump();
    }

    /** Aborts with a RST, as {@code SO_LINGER 0} does; the listener hears "reset". */
    public void reset() {
        if (state == State.CLOSED) {
            return;
        }
        send(sndNxt, TcpSegment.RST, new byte[0]);
        terminate("reset");
    }

    // ---- receiving ----

    void receive(IpPacket p) {
        if (state == State.CLOSED) {
            host.drop(DropReason.TCP_NO_CONNECTION, p);
            host.refuseTcp(p);
            return;
        }
        TcpSegment seg = TcpSegment.decode(p.payload());
        if (seg == null) {
            host.drop(DropReason.MALFORMED, p);
            return;
        }
        if (seg.has(TcpSegment.RST)) {
            terminate(state == State.SYN_SENT ? "refused" : "reset by peer");
            return;
        }
        long now = loop.now();
        switch (state) {
            case SYN_SENT -> {
                if (!seg.has(TcpSegment.SYN) || !seg.has(TcpSegment.ACK) || ((seg.ack() - iss) & MASK) != 1) {
                    host.drop(DropReason.TCP_BAD_SEGMENT, p);
                    return;
                }
                irs = seg.seq();
                rcvNxt = 1;
                if (seg.mss() > 0) {
                    mss = Math.min(mss, seg.mss());
                }
                acknowledge(1, seg.window(), now);
                sendAck();
                established(now);
                return;
            }
            case SYN_RECEIVED -> {
                if (seg.has(TcpSegment.SYN)) {
                    send(0, TcpSegment.SYN | TcpSegment.ACK, new byte[0]); // our SYN-ACK was lost
                    return;
                }
                if (!seg.has(TcpSegment.ACK) || ((seg.ack() - iss) & MASK) == 0) {
                    host.drop(DropReason.TCP_BAD_SEGMENT, p);
                    return;
                }
                established(now);
                if (state == State.CLOSED) {
                    return;
                }
            }
            default -> {
            }
        }
        if (seg.has(TcpSegment.SYN)) {
            sendAck(); // a retransmitted SYN-ACK: our ACK was lost
            return;
        }
        if (seg.has(TcpSegment.ACK)) {
            long ackOff = offset(seg.ack(), iss, sndUna);
            if (ackOff > sndNxt) {
                host.drop(DropReason.TCP_BAD_SEGMENT, p);
                sendAck();
                return;
            }
            acknowledge(ackOff, seg.window(), now);
            if (state == State.CLOSED) {
                return;
            }
        }
        if (seg.data().length > 0 || seg.has(TcpSegment.FIN)) {
            receiveData(p, seg, now);
        }
    }

    /** Maps a 32-bit wire number to an offset from {@code base}, choosing the one nearest {@code near}. */
    private static long offset(long wire, long base, long near) {
        long low = (wire - base) & MASK;
        long nearLow = near & MASK;
        long diff = (int) (low - nearLow); // signed 32-bit distance
        return near + diff;
    }

    private void established(long now) {
        state = State.ESTABLISHED;
        if (trace.active()) {
            trace.emit(new TcpEvent(now, TcpEvent.CONNECTED, host.name(), local(), remote, "", 0));
        }
        if (owner != null) {
            listener = owner.accepted(this);
        }
        if (listener != null) {
            listener.onConnected(this);
        }
        pump();
    }

    private void acknowledge(long ackOff, int window, long now) {
        peerWindow = window;
        if (ackOff <= sndUna) {
            pump(); // the window may have opened
            return;
        }
        long dataAcked = Math.min(ackOff, finSeq >= 0 ? finSeq : ackOff) - bufBase;
        if (dataAcked > 0) {
            int n = (int) Math.min(dataAcked, sendLen);
            System.arraycopy(sendBuf, n, sendBuf, 0, sendLen - n);
            sendLen -= n;
            bufBase += n;
        }
        sndUna = ackOff;
        retries = 0;
        if (timedEnd >= 0 && ackOff >= timedEnd) {
            sample(now - timedAt);
            timedEnd = -1;
        }
        loop.cancel(rtoHandle);
        rtoHandle = EventLoop.NO_EVENT;
        if (sndUna < sndNxt) {
            armRto();
        }
        if (finSeq >= 0 && sndUna > finSeq) {
            if (state == State.LAST_ACK || (state == State.FIN_WAIT && finSeen)) {
                terminate("closed");
                return;
            }
        }
        pump();
        if (dataAcked > 0 && onAcked != null) {
            onAcked.run();
        }
    }

    /** RFC 6298 section 2. */
    private void sample(long r) {
        if (srtt < 0) {
            srtt = r;
            rttvar = r / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
            srtt = (7 * srtt + r) / 8;
        }
        rto = Math.min(config.maxRtoNanos(), Math.max(config.minRtoNanos(), srtt + Math.max(CLOCK_GRANULARITY, 4 * rttvar)));
    }

    private void receiveData(IpPacket p, TcpSegment seg, long now) {
        long segOff = offset(seg.seq(), irs, rcvNxt);
        byte[] data = seg.data();
        long end = segOff + data.length;
        if (seg.has(TcpSegment.FIN)) {
            peerFinSeq = end;
        }
        if (segOff > rcvNxt + config.window()) {
            host.drop(DropReason.TCP_BAD_SEGMENT, p);
            sendAck();
            return;
        }
        if (segOff > rcvNxt) {
            if (data.length > 0) {
                outOfOrder.putIfAbsent(segOff, data);
            }
            sendAck(); // a duplicate ACK, as RFC 9293 asks for out-of-order data
            return;
        }
        if (end > rcvNxt) {
            deliver(segOff < rcvNxt ? java.util.Arrays.copyOfRange(data, (int) (rcvNxt - segOff), data.length) : data, now);
            rcvNxt = end;
            drainOutOfOrder(now);
        }
        if (peerFinSeq >= 0 && rcvNxt == peerFinSeq && !finSeen) {
            finSeen = true;
            rcvNxt = peerFinSeq + 1;
            sendAck();
            onPeerFin();
            return;
        }
        sendAck();
    }

    private void drainOutOfOrder(long now) {
        while (!outOfOrder.isEmpty()) {
            Map.Entry<Long, byte[]> e = outOfOrder.firstEntry();
            long off = e.getKey();
            byte[] d = e.getValue();
            if (off > rcvNxt) {
                return;
            }
            outOfOrder.pollFirstEntry();
            long end = off + d.length;
            if (end > rcvNxt) {
                deliver(java.util.Arrays.copyOfRange(d, (int) (rcvNxt - off), d.length), now);
                rcvNxt = end;
            }
        }
    }

    private void deliver(byte[] data, long now) {
        bytesReceived += data.length;
        lastActivity = now;
        if (listener != null && !notified) {
            listener.onData(this, data);
        }
    }

    private void onPeerFin() {
        if (state == State.FIN_WAIT) {
            if (finSeq >= 0 && sndUna > finSeq) {
                terminate("closed");
            }
            return;
        }
        // The peer is done: tell the application and close our half after what is queued.
        state = State.LAST_ACK;
        finQueued = true;
        notifyClosed("peer closed");
        pump();
    }

    // ---- sending ----

    private Endpoint local() {
        IpAddress a = host.sourceAddressFor(remote.address());
        return new Endpoint(a == null ? remote.address() : a, localPort);
    }

    private void send(long seqOff, int flags, byte[] data) {
        IpAddress src = host.sourceAddressFor(remote.address());
        if (src == null) {
            return; // no route now: the retransmission timer tries again
        }
        long ackWire = (flags & TcpSegment.SYN) != 0 && state == State.SYN_SENT ? 0 : (irs + rcvNxt) & MASK;
        int f = flags;
        if (state != State.SYN_SENT && (flags & TcpSegment.RST) == 0) {
            f |= TcpSegment.ACK;
        }
        TcpSegment seg = new TcpSegment((iss + seqOff) & MASK, (f & TcpSegment.ACK) != 0 ? ackWire : 0, f,
                config.window(), (flags & TcpSegment.SYN) != 0 ? mss : 0, data);
        host.send(IpPacket.tcp(src, localPort, remote.address(), remote.port(), IpPacket.DEFAULT_TTL, seg.encode()));
    }

    private void sendAck() {
        send(sndNxt, TcpSegment.ACK, new byte[0]);
    }

    /** Sends new data (and the FIN) as the window allows. */
    private void pump() {
        if (state != State.ESTABLISHED && state != State.FIN_WAIT && state != State.LAST_ACK) {
            return;
        }
        long now = loop.now();
        while (true) {
            long unsentFrom = sndNxt - bufBase;
            int available = (int) (sendLen - Math.min(unsentFrom, sendLen));
            long allowed = Math.min(peerWindow, config.window()) - (sndNxt - sndUna);
            if (finSeq >= 0 || available <= 0 || allowed <= 0) {
                break;
            }
            int n = (int) Math.min(Math.min(mss, available), allowed);
            byte[] chunk = java.util.Arrays.copyOfRange(sendBuf, (int) unsentFrom, (int) unsentFrom + n);
            send(sndNxt, TcpSegment.ACK | TcpSegment.PSH, chunk);
            bytesSent += n;
            sndNxt += n;
            if (timedEnd < 0) {
                timedEnd = sndNxt;
                timedAt = now;
            }
            if (rtoHandle == EventLoop.NO_EVENT) {
                armRto();
            }
        }
        if (finQueued && finSeq < 0 && sndNxt - bufBase >= sendLen) {
            finSeq = sndNxt;
            send(sndNxt, TcpSegment.FIN | TcpSegment.ACK, new byte[0]);
            sndNxt += 1;
            if (rtoHandle == EventLoop.NO_EVENT) {
                armRto();
            }
        }
    }

    private void armRto() {
        loop.cancel(rtoHandle);
        rtoHandle = loop.schedule(loop.now() + rto, this::onRto);
    }

    private void onRto() {
        rtoHandle = EventLoop.NO_EVENT;
        if (state == State.CLOSED || sndUna >= sndNxt) {
            return;
        }
        retries++;
        boolean handshake = state == State.SYN_SENT || state == State.SYN_RECEIVED;
        if (retries > (handshake ? config.synRetries() : config.dataRetries())) {
            terminate("timeout");
            return;
        }
        long expired = rto;
        rto = Math.min(config.maxRtoNanos(), rto * 2);
        timedEnd = -1; // Karn: no sample from a retransmitted segment
        retransmissions++;
        if (trace.active()) {
            trace.emit(new TcpEvent(loop.now(), TcpEvent.RETRANSMIT, host.name(), local(), remote, "", expired));
        }
        if (sndUna == 0) {
            send(0, state == State.SYN_SENT ? TcpSegment.SYN : TcpSegment.SYN | TcpSegment.ACK, new byte[0]);
        } else if (finSeq >= 0 && sndUna == finSeq) {
            send(finSeq, TcpSegment.FIN | TcpSegment.ACK, new byte[0]);
        } else {
            int from = (int) (sndUna - bufBase);
            long dataEnd = finSeq >= 0 ? finSeq : sndNxt;
            int n = (int) Math.min(mss, Math.min(dataEnd - sndUna, sendLen - from));
            if (n > 0) {
                byte[] chunk = java.util.Arrays.copyOfRange(sendBuf, from, from + n);
                send(sndUna, TcpSegment.ACK | TcpSegment.PSH, chunk);
                bytesSent += n;
            }
        }
        armRto();
    }

    private void onIdleTimer() {
        idleHandle = EventLoop.NO_EVENT;
        if (state == State.CLOSED || idleTimeout == 0 || finQueued) {
            return;
        }
        long due = lastActivity + idleTimeout;
        if (loop.now() < due) {
            idleHandle = loop.schedule(due, this::onIdleTimer);
            return;
        }
        shutdown("idle");
    }

    private void notifyClosed(String reason) {
        if (!notified) {
            notified = true;
            if (trace.active()) {
                trace.emit(new TcpEvent(loop.now(), TcpEvent.CLOSED, host.name(), local(), remote, reason, 0));
            }
            if (listener != null) {
                listener.onClosed(this, reason);
            }
        }
    }

    private void terminate(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        state = State.CLOSED;
        loop.cancel(rtoHandle);
        loop.cancel(idleHandle);
        rtoHandle = EventLoop.NO_EVENT;
        idleHandle = EventLoop.NO_EVENT;
        if (owner == null) {
            host.unbindTcp(localPort);
        } else {
            owner.remove(remote);
        }
        if (was != State.SYN_RECEIVED || owner == null) {
            notifyClosed(reason);
        }
    }

    @Override
    public String toString() {
        return host.name() + ":" + localPort + " > " + remote + " " + state;
    }
}
