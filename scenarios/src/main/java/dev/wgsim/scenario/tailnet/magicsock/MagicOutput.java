package dev.wgsim.scenario.tailnet.magicsock;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * What one magicsock call produced, in order per list: UDP datagrams to send from the shared port,
 * DERP sends (to a peer's home region, addressed by node key), WireGuard datagrams for the device
 * (tagged with the peer they came from), events, and whether a STUN round is wanted. Reused by the
 * next call, like WgDevice's output.
 */
public final class MagicOutput {
    /** A datagram to send; {@code disco} tells disco from WireGuard for the per-path byte counts. */
    public record Udp(Endpoint to, byte[] bytes, boolean disco) {}

    /** A DERP send to {@code region}, for the client holding {@code to}. */
    public record Derp(int region, PublicKey to, byte[] bytes, boolean disco) {}

    /** A WireGuard datagram from {@code peer} for the device. */
    public record Delivered(PublicKey peer, byte[] bytes) {}

    final List<Udp> udp = new ArrayList<>();
    final List<Derp> derp = new ArrayList<>();
    final List<Delivered> delivered = new ArrayList<>();
    final List<MagicEvent> events = new ArrayList<>();
    boolean wantStun;
    boolean endpointsChanged;

    public List<Udp> udp() {
        return udp;
    }

    public List<Derp> derp() {
        return derp;
    }

    public List<Delivered> delivered() {
        return delivered;
    }

    public List<MagicEvent> events() {
        return events;
    }

    /** Whether the caller should run STUN against the DERP servers now and report {@link Magicsock#stunResult}. */
    public boolean wantStun() {
        return wantStun;
    }

    /** Whether our advertised endpoints changed (tell control). */
    public boolean endpointsChanged() {
        return endpointsChanged;
    }

    void clear() {
        udp.clear();
        derp.clear();
        delivered.clear();
        events.clear();
        wantStun = false;
        endpointsChanged = false;
    }
}
