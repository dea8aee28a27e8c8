package dev.wgsim.scenario.model;

import dev.wgsim.net.IpAddress;
import java.util.Optional;

/** Something scheduled to happen at a virtual time. Each also becomes a marker on the charts. */
public sealed interface EventSpec {
    /** Virtual nanoseconds. */
    long at();

    /** Marker kind for summary.json ({@code roam}, {@code link.down}, ...). */
    String kind();

    /** Short human label for markers. */
    String label();

    /** A host changes address (e.g. Wi-Fi to LTE), optionally moving to another link. */
    record Roam(long at, String node, IpAddress address, Optional<String> link, String label) implements EventSpec {
        public String kind() { return "roam"; }
    }

    record LinkState(long at, String link, boolean up, String label) implements EventSpec {
        public String kind() { return up ? "link.up" : "link.down"; }
    }

    /** New link parameters (both directions) from this time on, e.g. a loss change. */
    record LinkChange(long at, String link, LinkDirectionSpec aToB, LinkDirectionSpec bToA, String label) implements EventSpec {
        public String kind() { return "link.change"; }
    }

    record NatReboot(long at, String nat, String label) implements EventSpec {
        public String kind() { return "nat.reboot"; }
    }

    record PeerAdd(long at, String node, PeerSpec peer, String label) implements EventSpec {
        public String kind() { return "peer.add"; }
    }

    record PeerRemove(long at, String node, String peer, String label) implements EventSpec {
        public String kind() { return "peer.remove"; }
    }

    /** The node's interface takes a new private key (given, or derived from seed, name and this time). */
    record KeyChange(long at, String node, Key32 privateKey, String label) implements EventSpec {
        public String kind() { return "key.change"; }
    }

    record TrafficState(long at, String flow, boolean start, String label) implements EventSpec {
        public String kind() { return start ? "traffic.start" : "traffic.stop"; }
    }
}
