package dev.wgsim.scenario.demo;

import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.PacketObserver;
import dev.wgsim.engine.pcap.PcapWriter;
import dev.wgsim.wg.config.WireGuardKeylog;
import dev.wgsim.wg.device.HandshakeKeyMaterial;
import dev.wgsim.wg.device.KeyLogListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What crossed wg0's host: every outer packet on its physical interfaces (both ways, as encoded
 * on the wire) and the handshake secrets wg0 generated (its static private key and each local
 * ephemeral private key, with the peer's public key and PSK). Together they are what Wireshark
 * needs to decrypt the session, and what the {@link PacketInspector} decodes. Keeps the latest
 * {@link #CAPACITY} packets; keys are kept for the whole session (a handshake may precede them all).
 */
final class DemoCapture implements PacketObserver, KeyLogListener {
    static final int CAPACITY = 20_000;

    /** One captured outer packet; {@code index} counts from 0 for the life of the session. */
    record Captured(int index, long timeNanos, byte[] bytes) {}

    private final List<Captured> packets = new ArrayList<>();
    private final List<HandshakeKeyMaterial> keys = new ArrayList<>();
    private final long epochUnixNanos;
    private int next;

    DemoCapture(long epochUnixNanos) {
        this.epochUnixNanos = epochUnixNanos;
    }

    @Override
    public void onPacket(long nowNanos, IpPacket packet) {
        if (packets.size() == CAPACITY) {
            packets.remove(0);
        }
        packets.add(new Captured(next++, nowNanos, packet.toBytes()));
    }

    @Override
    public void handshakeKeys(HandshakeKeyMaterial material) {
        keys.add(material);
    }

    /** The index the next captured packet will get. */
    int nextIndex() {
        return next;
    }

    /** The packet with this index, or null when it was never captured or no longer kept. */
    Captured get(int index) {
        if (packets.isEmpty() || index < packets.get(0).index() || index >= next) {
            return null;
        }
        return packets.get(index - packets.get(0).index());
    }

    /** The latest data packet (a transport message longer than a keepalive) sent from {@code endpoint}, or null. */
    Integer lastSentBy(String endpoint) {
        for (int i = packets.size() - 1; i >= 0; i--) {
            IpPacket p = IpPacket.decode(packets.get(i).bytes()).packet();
            if (p != null && p.isUdp() && p.sourceEndpoint().toString().equals(endpoint) && p.payloadLength() > 32
                    && p.payload()[0] == 4) {
                return packets.get(i).index();
            }
        }
        return null;
    }

    List<Captured> packets() {
        return List.copyOf(packets);
    }

    List<HandshakeKeyMaterial> keys() {
        return List.copyOf(keys);
    }

    /** The capture as a classic pcap file (raw IP, nanosecond timestamps at the scenario's epoch). */
    byte[] pcap() {
        try {
            Path tmp = Files.createTempFile("wgsim-demo-", ".pcap");
            try {
                PcapWriter w = PcapWriter.open(tmp, epochUnixNanos);
                for (Captured c : packets) {
                    w.writeRaw(c.timeNanos(), c.bytes(), 0, c.bytes().length);
                }
                w.close();
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's pcap", e);
        }
    }

    /** Wireshark's wg.keylog_file text: one block per handshake message wg0 created. */
    String keylog() {
        StringBuilder sb = new StringBuilder();
        for (HandshakeKeyMaterial m : keys) {
            sb.append(WireGuardKeylog.handshake(m.localStatic(), m.remoteStatic(), m.localEphemeral(), m.presharedKey()));
        }
        return sb.toString();
    }
}
