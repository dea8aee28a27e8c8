package dev.wgsim.engine.stream;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A message stream over TLS over {@link TcpConnection}: {@link #send} a message, the other side's
 * {@link Handler#onMessage} gets it whole, in order, after the link delays, TCP's retransmissions
 * and head-of-line blocking. See {@link StreamConfig} for what the TLS layer models.
 *
 * <p>A record or frame that does not parse resets the connection with reason "malformed record"
 * or "malformed frame" (a real TLS stack answers a bad record with a fatal alert and closes).
 */
public final class StreamConnection {
    /** The application's side of a stream. */
    public interface Handler {
        /** TLS is up: messages may be sent (queued ones go now). */
        void onOpen(StreamConnection c);

        void onMessage(StreamConnection c, byte[] message);

        /** Exactly once; the reasons of {@link TcpConnection.Listener#onClosed}, plus "malformed record"/"malformed frame". */
        void onClose(StreamConnection c, String reason);
    }

    private enum Phase { TCP, AWAIT_SERVER_FLIGHT, AWAIT_CLIENT_HELLO, AWAIT_CLIENT_FINISHED, OPEN, CLOSED }

    private static final int HANDSHAKE = 22;
    private static final int APPLICATION_DATA = 23;

    private final boolean client;
    private final StreamConfig config;
    private Handler handler;
    private TcpConnection tcp;
    private Phase phase;
    private final List<byte[]> queued = new ArrayList<>();
    private byte[] wire = new byte[0];
    private int wireLen;
    private byte[] plain = new byte[0];
    private int plainLen;
    private long openedAt = -1;
    private Object attachment;

    private StreamConnection(boolean client, StreamConfig config, Handler handler) {
        this.client = client;
        this.config = config;
        this.handler = handler;
    }

    /** Connects to a {@link StreamServer} at {@code remote}; {@code onOpen} after 2 RTT on a clean path. */
    public static StreamConnection connect(Host host, Endpoint remote, StreamConfig config, Handler handler) {
        if (handler == null || config == null) {
            throw new IllegalArgumentException("connect needs a config and a handler");
        }
        StreamConnection s = new StreamConnection(true, config, handler);
        s.phase = Phase.TCP;
        s.tcp = TcpConnection.connect(host, remote, config.tcp(), s.tcpListener());
        return s;
    }

    static StreamConnection accepted(TcpConnection tcp, StreamConfig config) {
        StreamConnection s = new StreamConnection(false, config, null);
        s.tcp = tcp;
        s.phase = Phase.AWAIT_CLIENT_HELLO;
        return s;
    }

    void setHandler(Handler h) {
        this.handler = h;
    }

    TcpConnection.Listener tcpListener() {
        return new TcpConnection.Listener() {
            @Override
            public void onConnected(TcpConnection c) {
                if (client) {
                    writeRecord(HANDSHAKE, config.clientHelloBytes() - StreamConfig.RECORD_HEADER);
                    phase = Phase.AWAIT_SERVER_FLIGHT;
                }
            }

            @Override
            public void onData(TcpConnection c, byte[] data) {
                receive(data);
            }

            @Override
            public void onClosed(TcpConnection c, String reason) {
                closed(reason);
            }
        };
    }

    /** The TCP connection underneath (ports, counters, idle timeout). */
    public TcpConnection tcp() {
        return tcp;
    }

    public boolean isOpen() {
        return phase == Phase.OPEN;
    }

    public boolean isClosed() {
        return phase == Phase.CLOSED;
    }

    public Endpoint remote() {
        return tcp.remote();
    }

    /** Virtual time TLS completed on this side, or -1. */
    public long openedAtNanos() {
        return openedAt;
    }

    /** Any object the application keeps with the connection (a relay's client record). */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object o) {
        this.attachment = o;
    }

    /** Sends one message (queued until TLS is up); false once closed or closing. */
    public boolean send(byte[] message) {
        if (phase == Phase.CLOSED) {
            return false;
        }
        byte[] frame = config.framing().wrap(message);
        if (phase != Phase.OPEN) {
            queued.add(frame);
            return true;
        }
        return writeApplication(frame);
    }

    /** Closes after what is queued (TCP FIN); {@code onClose} hears "closed". */
    public void close() {
        if (phase != Phase.CLOSED) {
            tcp.close();
        }
    }

    /** Aborts (TCP RST); {@code onClose} hears "reset". */
    public void reset() {
        if (phase != Phase.CLOSED) {
            tcp.reset();
        }
    }

    /** Bytes in the TCP send buffer (TLS records written, not yet acknowledged). */
    public int bufferedBytes() {
        return tcp.bufferedBytes();
    }

    /** Runs whenever acknowledgments free send-buffer space. */
    public void onDrained(Runnable r) {
        tcp.setOnAcked(r);
    }

    /** See {@link TcpConnection#setIdleTimeout}. */
    public void setIdleTimeout(long nanos) {
        tcp.setIdleTimeout(nanos);
    }

    // ---- records ----

    private void writeRecord(int type, int bodyLength) {
        byte[] r = new byte[StreamConfig.RECORD_HEADER + bodyLength];
        r[0] = (byte) type;
        r[1] = 3;
        r[2] = 3;
        r[3] = (byte) (bodyLength >>> 8);
        r[4] = (byte) bodyLength;
        tcp.write(r);
    }

    private boolean writeApplication(byte[] frame) {
        int off = 0;
        do {
            int n = Math.min(StreamConfig.MAX_RECORD_PLAINTEXT, frame.length - off);
            int body = n + StreamConfig.RECORD_OVERHEAD;
            byte[] r = new byte[StreamConfig.RECORD_HEADER + body];
            r[0] = APPLICATION_DATA;
            r[1] = 3;
            r[2] = 3;
            r[3] = (byte) (body >>> 8);
            r[4] = (byte) body;
            System.arraycopy(frame, off, r, StreamConfig.RECORD_HEADER, n);
            r[StreamConfig.RECORD_HEADER + n] = APPLICATION_DATA; // TLSInnerPlaintext's content type; tag bytes stay zero
            if (!tcp.write(r)) {
                return false;
            }
            off += n;
        } while (off < frame.length);
        return true;
    }

    private void receive(byte[] data) {
        if (wireLen + data.length > wire.length) {
            wire = Arrays.copyOf(wire, Math.max(wire.length * 2, wireLen + data.length));
        }
        System.arraycopy(data, 0, wire, wireLen, data.length);
        wireLen += data.length;
        int off = 0;
        while (phase != Phase.CLOSED && wireLen - off >= StreamConfig.RECORD_HEADER) {
            int type = wire[off] & 0xFF;
            int len = ((wire[off + 3] & 0xFF) << 8) | (wire[off + 4] & 0xFF);
            if (type < 20 || type > 23 || wire[off + 1] != 3 || wire[off + 2] > 4 || len > StreamConfig.MAX_RECORD_PLAINTEXT + 256) {
                fail("malformed record");
                return;
            }
            if (wireLen - off < StreamConfig.RECORD_HEADER + len) {
                break;
            }
            int body = off + StreamConfig.RECORD_HEADER;
            off = body + len;
            if (!onRecord(type, body, len)) {
                return;
            }
        }
        System.arraycopy(wire, off, wire, 0, wireLen - off);
        wireLen -= off;
    }

    private boolean onRecord(int type, int body, int len) {
        switch (phase) {
            case AWAIT_CLIENT_HELLO -> {
                if (type != HANDSHAKE) {
                    fail("malformed record");
                    return false;
                }
                writeRecord(HANDSHAKE, config.serverFlightBytes() - StreamConfig.RECORD_HEADER);
                phase = Phase.AWAIT_CLIENT_FINISHED;
            }
            case AWAIT_SERVER_FLIGHT -> {
                if (type != HANDSHAKE) {
                    fail("malformed record");
                    return false;
                }
                writeRecord(HANDSHAKE, config.clientFinishedBytes() - StreamConfig.RECORD_HEADER);
                open();
            }
            case AWAIT_CLIENT_FINISHED -> {
                if (type != HANDSHAKE) {
                    fail("malformed record");
                    return false;
                }
                open();
            }
            case OPEN -> {
                if (type != APPLICATION_DATA || len < StreamConfig.RECORD_OVERHEAD) {
                    fail("malformed record");
                    return false;
                }
                appendPlain(body, len - StreamConfig.RECORD_OVERHEAD);
                return extractFrames();
            }
            default -> {
                return false;
            }
        }
        return phase != Phase.CLOSED;
    }

    private void open() {
        phase = Phase.OPEN;
        openedAt = tcp.host().network().now();
        for (byte[] f : queued) {
            writeApplication(f);
        }
        queued.clear();
        if (handler != null) {
            handler.onOpen(this);
        }
    }

    private void appendPlain(int from, int n) {
        if (plainLen + n > plain.length) {
            plain = Arrays.copyOf(plain, Math.max(plain.length * 2, plainLen + n));
        }
        System.arraycopy(wire, from, plain, plainLen, n);
        plainLen += n;
    }

    private boolean extractFrames() {
        int off = 0;
        while (phase == Phase.OPEN) {
            int n = config.framing().frameLength(plain, off, plainLen - off);
            if (n == Framing.INVALID) {
                fail("malformed frame");
                return false;
            }
            if (n == Framing.INCOMPLETE || plainLen - off < n) {
                break;
            }
            byte[] frame = Arrays.copyOfRange(plain, off, off + n);
            off += n;
            if (handler != null) {
                handler.onMessage(this, config.framing().unwrap(frame));
            }
        }
        System.arraycopy(plain, off, plain, 0, plainLen - off);
        plainLen -= off;
        return phase != Phase.CLOSED;
    }

    private void fail(String reason) {
        if (phase == Phase.CLOSED) {
            return;
        }
        Handler h = handler;
        phase = Phase.CLOSED;
        tcp.setListener(null);
        tcp.reset();
        if (h != null) {
            h.onClose(this, reason);
        }
    }

    private void closed(String reason) {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        if (handler != null) {
            handler.onClose(this, reason);
        }
    }
}
