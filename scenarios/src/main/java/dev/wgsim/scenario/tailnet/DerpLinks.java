package dev.wgsim.scenario.tailnet;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.Network;
import dev.wgsim.scenario.model.TailnetSpec;
import dev.wgsim.scenario.tailnet.derp.DerpClient;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A device's DERP connections, as magicsock keeps them: one to its home region, opened when it
 * joins, marked preferred and re-opened if it drops; others opened on the first packet for their
 * region and left to close after 60 s idle (DerpClient's rule), re-opened on demand.
 */
final class DerpLinks implements RelayLink {
    private static final long RECONNECT = 2_000_000_000L;

    private final Network net;
    private final Host host;
    private PublicKey nodeKey;
    private final int home;
    private final Map<Integer, TailnetSpec.Relay> regions;
    private final RelayLink.Receiver receiver;
    private final Map<Integer, DerpClient> clients = new HashMap<>();

    DerpLinks(Host host, PublicKey nodeKey, int home, Map<Integer, TailnetSpec.Relay> regions, RelayLink.Receiver receiver) {
        this.net = host.network();
        this.host = host;
        this.nodeKey = nodeKey;
        this.home = home;
        this.regions = regions;
        this.receiver = receiver;
        client(home);
    }

    @Override
    public void send(int region, PublicKey to, byte[] bytes) {
        DerpClient c = client(region);
        if (c != null) {
            c.send(to, bytes);
        }
    }

    @Override
    public void rekey(PublicKey key) {
        nodeKey = key;
        List<DerpClient> old = List.copyOf(clients.values());
        clients.clear();
        old.forEach(DerpClient::close);
        client(home);
    }

    private DerpClient client(int region) {
        DerpClient c = clients.get(region);
        if (c != null && !c.isClosed()) {
            return c;
        }
        TailnetSpec.Relay r = regions.get(region);
        if (r == null) {
            return null;
        }
        c = new DerpClient(host, nodeKey, new Endpoint(r.address(), DerpPort.PORT), region, new DerpClient.Listener() {
            @Override
            public void onPacket(DerpClient c, PublicKey source, byte[] packet) {
                receiver.onPacket(source, packet);
            }

            @Override
            public void onClosed(DerpClient c, String reason) {
                if (c.region() == home && clients.get(home) == c) {
                    // The home connection is permanent: dial again (a relay restart, a cut path).
                    net.loop().scheduleAfter(RECONNECT, () -> {
                        if (clients.get(home) == c) {
                            client(home);
                        }
                    });
                }
            }
        });
        clients.put(region, c);
        c.connect();
        if (region == home) {
            c.notePreferred(true);
        }
        return c;
    }

    /** The server port of a DERP region (HTTPS). */
    static final class DerpPort {
        static final int PORT = 443;

        private DerpPort() {}
    }
}
