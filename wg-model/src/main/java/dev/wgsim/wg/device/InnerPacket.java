package dev.wgsim.wg.device;

import dev.wgsim.wg.crypto.PublicKey;
import java.util.Arrays;

/**
 * A decrypted, checked inner IP packet (trimmed to its IP length) to hand to the local stack.
 * <p>
 * What a device delivers is a view of its receive buffer ({@link #buffer()}, bytes 0 to
 * {@link #length()}), valid until the next call into that device: a consumer that reads it at once
 * (the simulation decodes it into its own packet form) costs no copy, one that keeps it takes
 * {@link #packet()} or {@link #detached()}.
 */
public final class InnerPacket {
    private final PublicKey from;
    private final byte[] buffer;
    private final int length;
    private final boolean owned;

    /** A packet that owns {@code packet} (all of it). */
    public InnerPacket(PublicKey from, byte[] packet) {
        this(from, packet, packet.length, true);
    }

    private InnerPacket(PublicKey from, byte[] buffer, int length, boolean owned) {
        this.from = from;
        this.buffer = buffer;
        this.length = length;
        this.owned = owned;
    }

    /** A view of the first {@code length} bytes of a device's buffer, valid until the device's next call. */
    static InnerPacket view(PublicKey from, byte[] buffer, int length) {
        return new InnerPacket(from, buffer, length, false);
    }

    /** The peer it came from. */
    public PublicKey from() {
        return from;
    }

    /** The packet's bytes: this packet's own array, or a copy of the view's bytes. */
    public byte[] packet() {
        return owned ? buffer : Arrays.copyOf(buffer, length);
    }

    /** The bytes in place (the packet is bytes 0 to {@link #length()}); for a view, valid until the device's next call. */
    public byte[] buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    /** This packet with bytes of its own, safe to keep. */
    public InnerPacket detached() {
        return owned ? this : new InnerPacket(from, packet());
    }

    @Override
    public String toString() {
        return "InnerPacket[from=" + from + ", length=" + length + "]";
    }
}
