package dev.wgsim.engine.app;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.UdpSocket;
import dev.wgsim.engine.random.RandomStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A netcheck-style prober on one UDP socket: sends Binding requests to STUN servers and records the
 * reflexive endpoint each one saw. Two servers on different addresses seeing different ports is
 * Tailscale's {@code MappingVariesByDestIP} (a "hard", endpoint-dependent NAT). A client that
 * shares its port with other protocols uses {@link #request} and {@link #onResponse} instead of
 * binding its own socket.
 */
public final class StunClient {
    private final RandomStream txids;
    private final UdpSocket socket;
    private final Map<String, Endpoint> pending = new HashMap<>();
    private final Map<Endpoint, Endpoint> seen = new LinkedHashMap<>();
    private final Map<Endpoint, Long> rtt = new LinkedHashMap<>();
    private final Map<String, Long> sentAt = new HashMap<>();
    private final Host host;
    private long ignored;

    /** Binds {@code port} (0: ephemeral) on {@code host}. */
    public StunClient(Host host, int port) {
        this.host = host;
        this.txids = host.network().random().stream("stun/" + host.name() + "/" + port);
        this.socket = host.bind(port, (now, src, dst, payload) -> onResponse(src, payload));
    }

    /** For a caller with its own socket: a request to send to {@code server} (answered through {@link #onResponse}). */
    private StunClient(Host host, RandomStream txids) {
        this.host = host;
        this.txids = txids;
        this.socket = null;
    }

    /** A prober without a socket of its own (the caller sends {@link #request}'s bytes and feeds {@link #onResponse}). */
    public static StunClient unbound(Host host, String name) {
        return new StunClient(host, host.network().random().stream("stun/" + host.name() + "/" + name));
    }

    /** Sends a Binding request to {@code server} from the client's socket. */
    public void probe(Endpoint server) {
        socket.send(server, request(server));
    }

    /** A Binding request for {@code server}, remembered by its transaction id. */
    public byte[] request(Endpoint server) {
        byte[] txid = new byte[12];
        txids.nextBytes(txid);
        String key = java.util.HexFormat.of().formatHex(txid);
        pending.put(key, server);
        sentAt.put(key, host.network().now());
        return Stun.bindingRequest(txid);
    }

    /**
     * Takes a datagram that may be a response: a success response to a pending request from that
     * server records the reflexive endpoint; returns whether it was one (anything else is ignored
     * and counted).
     */
    public boolean onResponse(Endpoint from, byte[] payload) {
        Stun.Parsed p = Stun.parse(payload);
        if (!p.ok() || !p.message().isSuccess() || p.message().mapped() == null) {
            ignored++;
            return false;
        }
        String key = java.util.HexFormat.of().formatHex(p.message().transactionId());
        Endpoint server = pending.get(key);
        if (server == null || !server.equals(from)) {
            ignored++;
            return false;
        }
        pending.remove(key);
        seen.put(server, p.message().mapped());
        rtt.put(server, host.network().now() - sentAt.remove(key));
        return true;
    }

    /** The reflexive endpoint each server reported, in the order answers came. */
    public Map<Endpoint, Endpoint> reflexive() {
        return Map.copyOf(seen);
    }

    public Endpoint reflexive(Endpoint server) {
        return seen.get(server);
    }

    /** Round-trip time to each server that answered. */
    public Map<Endpoint, Long> rttNanos() {
        return Map.copyOf(rtt);
    }

    /**
     * True when servers on different IP addresses saw different external ports or addresses (netcheck's
     * {@code MappingVariesByDestIP}); false with fewer than two such answers.
     */
    public boolean mappingVariesByDestIp() {
        List<Map.Entry<Endpoint, Endpoint>> e = new ArrayList<>(seen.entrySet());
        for (int i = 0; i < e.size(); i++) {
            for (int j = i + 1; j < e.size(); j++) {
                if (!e.get(i).getKey().address().equals(e.get(j).getKey().address())
                        && !e.get(i).getValue().equals(e.get(j).getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Datagrams that were not an answer to a pending request. */
    public long ignored() {
        return ignored;
    }
}
