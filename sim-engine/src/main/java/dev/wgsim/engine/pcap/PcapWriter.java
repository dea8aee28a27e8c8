package dev.wgsim.engine.pcap;

import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.PacketObserver;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes packets to a classic libpcap file with link type {@code LINKTYPE_RAW} (101): each record is a
 * bare IPv4 or IPv6 packet, which is exactly what the simulator moves.
 *
 * <p>Timestamps are virtual time plus a configurable epoch offset (Wireshark shows dates, so a
 * scenario's epoch makes a capture read like a real one). Records are little-endian with the
 * nanosecond magic {@code 0xa1b23c4d} by default so virtual nanoseconds survive; the microsecond
 * magic is available for old readers. Output is buffered; {@link #close()} flushes. An I/O failure is
 * not a network condition, so it surfaces as {@link UncheckedIOException}.
 */
public final class PcapWriter implements PacketObserver, Closeable {
    public static final int LINKTYPE_RAW = 101;
    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    public static final int GLOBAL_HEADER_LENGTH = 24;
    public static final int RECORD_HEADER_LENGTH = 16;
    private static final int MAX_PACKET = 65535;

    /** Timestamp resolution of the file. */
    public enum Precision { MICROSECONDS, NANOSECONDS }

    private final OutputStream out;
    private final long epochOffsetNanos;
    private final Precision precision;
    private final int snapLength;
    private final byte[] scratch = new byte[MAX_PACKET];
    private final byte[] header = new byte[RECORD_HEADER_LENGTH];
    private long records;
    private boolean closed;

    private PcapWriter(OutputStream out, long epochOffsetNanos, Precision precision, int snapLength) {
        this.out = out;
        this.epochOffsetNanos = epochOffsetNanos;
        this.precision = precision;
        this.snapLength = snapLength;
        byte[] g = new byte[GLOBAL_HEADER_LENGTH];
        putLe32(g, 0, precision == Precision.NANOSECONDS ? MAGIC_NANOS : MAGIC_MICROS);
        putLe16(g, 4, 2);
        putLe16(g, 6, 4);
        putLe32(g, 8, 0);           // thiszone: timestamps are UTC
        putLe32(g, 12, 0);          // sigfigs
        putLe32(g, 16, snapLength);
        putLe32(g, 20, LINKTYPE_RAW);
        write(g, 0, g.length);
    }

    /** Opens {@code path} (created or truncated) with nanosecond timestamps and a 65,535-byte snap length. */
    public static PcapWriter open(Path path, long epochOffsetNanos) {
        return open(path, epochOffsetNanos, Precision.NANOSECONDS, MAX_PACKET);
    }

    /**
     * Opens {@code path}. {@code epochOffsetNanos} is added to virtual time (e.g. nanoseconds since
     * 1970 of the scenario's epoch); {@code snapLength} truncates stored packets (1..65535).
     */
    public static PcapWriter open(Path path, long epochOffsetNanos, Precision precision, int snapLength) {
        if (snapLength < 1 || snapLength > MAX_PACKET) {
            throw new IllegalArgumentException("snapLength " + snapLength + " outside 1..65535");
        }
        if (epochOffsetNanos < 0) {
            throw new IllegalArgumentException("epochOffsetNanos must be >= 0, got " + epochOffsetNanos);
        }
        try {
            return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16),
                    epochOffsetNanos, precision, snapLength);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open pcap file " + path, e);
        }
    }

    /** Writes one packet record; encodes the packet with all checksums. */
    @Override
    public void onPacket(long nowNanos, IpPacket packet) {
        int len = packet.wireLength();
        packet.writeTo(scratch, 0);
        writeRaw(nowNanos, scratch, 0, len);
    }

    /** Writes one record holding {@code len} bytes of an already-encoded IP packet. */
    public void writeRaw(long nowNanos, byte[] bytes, int off, int len) {
        if (closed) {
            throw new IllegalStateException("pcap writer is closed");
        }
        long t = epochOffsetNanos + nowNanos;
        long seconds = Math.floorDiv(t, 1_000_000_000L);
        long fraction = Math.floorMod(t, 1_000_000_000L);
        if (precision == Precision.MICROSECONDS) {
            fraction /= 1000;
        }
        int incl = Math.min(len, snapLength);
        putLe32(header, 0, (int) seconds);
        putLe32(header, 4, (int) fraction);
        putLe32(header, 8, incl);
        putLe32(header, 12, len);
        write(header, 0, RECORD_HEADER_LENGTH);
        write(bytes, off, incl);
        records++;
    }

    /** Records written so far. */
    public long records() {
        return records;
    }

    private void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException("pcap write failed", e);
        }
    }

    /** Flushes and closes the file; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("pcap close failed", e);
        }
    }

    private static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    private static void putLe16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }
}
