package dev.wgsim.scenario.tailnet.derp;

import dev.wgsim.engine.stream.Framing;
import dev.wgsim.wg.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * DERP frames ({@code tailscale/derp/derp.go}): a 1-byte type, a 4-byte big-endian payload length,
 * the payload. Keys are 32 raw bytes.
 */
public final class DerpFrame {
    public static final int SERVER_KEY = 0x01;
    public static final int CLIENT_INFO = 0x02;
    public static final int SERVER_INFO = 0x03;
    public static final int SEND_PACKET = 0x04;
    public static final int RECV_PACKET = 0x05;
    public static final int KEEP_ALIVE = 0x06;
    public static final int NOTE_PREFERRED = 0x07;
    public static final int PEER_GONE = 0x08;
    public static final int FORWARD_PACKET = 0x0a;
    public static final int PING = 0x12;
    public static final int PONG = 0x13;

    /** PeerGone reasons: the peer disconnected, or the server never had it. */
    public static final int PEER_GONE_DISCONNECTED = 0x00;
    public static final int PEER_GONE_NOT_HERE = 0x01;

    public static final int HEADER = 5;
    public static final int KEY = 32;
    /** derp.MaxPacketSize: 64 KiB of packet in a SendPacket. */
    public static final int MAX_PACKET = 64 << 10;
    /** The largest frame accepted: a SendPacket of a maximum packet, with slack for the other frame types. */
    public static final int MAX_FRAME = MAX_PACKET + 1024;
    /** "DERP🔑" in UTF-8: the 8 bytes before the server's key in ServerKey. */
    private static final byte[] MAGIC = "DERP\uD83D\uDD11".getBytes(StandardCharsets.UTF_8);
    /** The NaCl box nonce before ClientInfo's and ServerInfo's sealed JSON. */
    public static final int NONCE = 24;
    /** Poly1305 tag a NaCl box adds. */
    public static final int BOX_OVERHEAD = 16;

    /** A copy of ServerKey's magic: the constant itself stays unwritable. */
    public static byte[] magic() {
        return MAGIC.clone();
    }

    /** Whether {@code b} is ServerKey's magic. */
    public static boolean isMagic(byte[] b) {
        return Arrays.equals(b, MAGIC);
    }

    /** Frames cut out of a stream by their own header. */
    public static final Framing FRAMING = new Framing() {
        @Override
        public byte[] wrap(byte[] frame) {
            return frame;
        }

        @Override
        public int frameLength(byte[] buf, int off, int available) {
            if (available < HEADER) {
                return INCOMPLETE;
            }
            long len = ((buf[off + 1] & 0xFFL) << 24) | ((buf[off + 2] & 0xFF) << 16) | ((buf[off + 3] & 0xFF) << 8) | (buf[off + 4] & 0xFF);
            return len > MAX_FRAME ? INVALID : (int) len + HEADER;
        }

        @Override
        public byte[] unwrap(byte[] frame) {
            return frame;
        }
    };

    private DerpFrame() {
    }

    /** A frame of {@code type} whose payload is the concatenation of {@code parts}. */
    public static byte[] frame(int type, byte[]... parts) {
        int len = 0;
        for (byte[] p : parts) {
            len += p.length;
        }
        byte[] f = new byte[HEADER + len];
        f[0] = (byte) type;
        f[1] = (byte) (len >>> 24);
        f[2] = (byte) (len >>> 16);
        f[3] = (byte) (len >>> 8);
        f[4] = (byte) len;
        int at = HEADER;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, f, at, p.length);
            at += p.length;
        }
        return f;
    }

    public static int type(byte[] frame) {
        return frame[0] & 0xFF;
    }

    public static int payloadLength(byte[] frame) {
        return frame.length - HEADER;
    }

    /** The 32-byte key at payload offset {@code at}, or null when the payload is too short. */
    public static PublicKey key(byte[] frame, int at) {
        if (frame.length < HEADER + at + KEY) {
            return null;
        }
        return PublicKey.of(Arrays.copyOfRange(frame, HEADER + at, HEADER + at + KEY));
    }

    /** Payload bytes from offset {@code at} to the end. */
    public static byte[] rest(byte[] frame, int at) {
        return Arrays.copyOfRange(frame, HEADER + at, frame.length);
    }

    /**
     * A ClientInfo or ServerInfo body: a 24-byte nonce and the JSON as a NaCl box would carry it,
     * with the 16-byte tag's room. The JSON is not sealed: the model charges the bytes, not the
     * cryptography (the login's keys are not otherwise used by the relay).
     */
    static byte[] box(String json) {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[NONCE + BOX_OVERHEAD + j.length];
        System.arraycopy(j, 0, b, NONCE + BOX_OVERHEAD, j.length);
        return b;
    }
}
