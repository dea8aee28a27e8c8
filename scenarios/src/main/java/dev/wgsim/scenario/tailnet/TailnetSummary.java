package dev.wgsim.scenario.tailnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.engine.trace.TraceListener;
import dev.wgsim.scenario.model.TailnetSpec;
import dev.wgsim.scenario.tailnet.derp.DerpServer;
import dev.wgsim.scenario.tailnet.magicsock.Magicsock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tailnet part of summary.json: per directed pair the time of the first packet and of the first
 * direct path, bytes sent direct and relayed; per DERP region its load; how long control changes
 * took to reach each peer (netmap propagation delay); and for the matrix helper the outcome per NAT
 * pair. Listens to the trace for path and netmap events while the run goes.
 */
public final class TailnetSummary implements TraceListener {
    private final Tailnet tailnet;
    private final Map<String, Long> firstDirect = new HashMap<>();
    private final Map<String, String> lastPath = new HashMap<>();
    private final Map<String, Integer> flips = new HashMap<>();
    private final Map<String, Long> changedAt = new HashMap<>();
    private final List<Long> propagation = new ArrayList<>();

    private final long bin;
    private final Map<Integer, long[]> relayBins = new java.util.TreeMap<>();

    public TailnetSummary(Tailnet tailnet) {
        this.tailnet = tailnet;
        this.bin = tailnet.metricsBin();
        int bins = (int) Math.max(1, (tailnet.duration() + bin - 1) / bin);
        for (Map.Entry<Integer, DerpServer> r : tailnet.relayServers().entrySet()) {
            long[] bytes = new long[bins];
            relayBins.put(r.getKey(), bytes);
            r.getValue().setForwardListener((now, n) -> {
                int i = (int) (now / bin);
                if (i < bytes.length) {
                    bytes[i] += n;
                }
            });
        }
    }

    @Override
    public void onEvent(TraceEvent e) {
        String k = e.kind();
        if (!k.startsWith("tailnet.")) {
            return;
        }
        if (k.equals("tailnet.path")) {
            String pair = e.field("node") + ">" + e.field("peer");
            String to = e.field("to");
            if ((to.equals("direct") || to.equals("local")) && !firstDirect.containsKey(pair)) {
                firstDirect.put(pair, e.timeNanos());
            }
            String prev = lastPath.put(pair, to);
            if (prev != null && !prev.equals("none")) {
                flips.merge(pair, 1, Integer::sum);
            }
        } else if (k.equals("tailnet.control.changed")) {
            changedAt.put(e.field("node"), e.timeNanos());
        } else if (k.equals("tailnet.netmap.peer")) {
            Long t0 = changedAt.get(e.field("peer"));
            if (t0 != null && !"removed".equals(e.field("what"))) {
                propagation.add(e.timeNanos() - t0);
            }
        }
    }

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode o = json.createObjectNode();
        o.put("devices", tailnet.devices().size());
        ArrayNode pairs = o.putArray("pairs");
        for (Device d : tailnet.devices().values()) {
            for (Magicsock.PeerStats s : d.sock.stats()) {
                String pair = d.spec.name() + ">" + s.peer();
                Long first = null;
                for (Map.Entry<dev.wgsim.wg.crypto.PublicKey, Long> f : d.firstFrom.entrySet()) {
                    if (s.peer().equals(d.peerName(f.getKey()))) {
                        first = f.getValue();
                    }
                }
                Long sent = null;
                for (Map.Entry<dev.wgsim.wg.crypto.PublicKey, Long> f : d.firstTo.entrySet()) {
                    if (s.peer().equals(d.peerName(f.getKey()))) {
                        sent = f.getValue();
                    }
                }
                if (s.packetsDirect() == 0 && s.packetsRelayed() == 0 && first == null) {
                    continue;   // a peer in the map this device never talked to
                }
                ObjectNode p = pairs.addObject();
                p.put("node", d.spec.name());
                p.put("peer", s.peer());
                p.put("path", s.path().label());
                seconds(p, "first_packet_received_s", first);
                seconds(p, "first_sent_s", sent);
                seconds(p, "first_direct_s", firstDirect.get(pair));
                // From the pair's first WireGuard datagram (either way, as this device saw it) to its first direct path.
                Long contact = first == null ? sent : sent == null ? first : Long.valueOf(Math.min(first, sent));
                Long direct = firstDirect.get(pair);
                seconds(p, "time_to_direct_s", direct == null || contact == null ? null : Math.max(0, direct - contact));
                p.put("path_changes", flips.getOrDefault(pair, 0));
                p.put("bytes_direct", s.bytesDirect());
                p.put("bytes_relayed", s.bytesRelayed());
                p.put("packets_direct", s.packetsDirect());
                p.put("packets_relayed", s.packetsRelayed());
            }
        }
        long direct = 0;
        long relayed = 0;
        for (Device d : tailnet.devices().values()) {
            for (Magicsock.PeerStats s : d.sock.stats()) {
                direct += s.bytesDirect();
                relayed += s.bytesRelayed();
            }
        }
        o.put("bytes_direct", direct);
        o.put("bytes_relayed", relayed);
        o.put("relayed_share", direct + relayed == 0 ? 0.0 : (double) relayed / (direct + relayed));
        ObjectNode regions = o.putObject("relays");
        for (Map.Entry<Integer, DerpServer> r : tailnet.relayServers().entrySet()) {
            DerpServer.Stats st = r.getValue().stats();
            ObjectNode x = regions.putObject(tailnet.region(r.getKey()).name());
            x.put("region", r.getKey());
            x.put("packets_forwarded", st.packetsForwarded());
            x.put("bytes_forwarded", st.bytesForwarded());
            x.put("connections_total", st.connectionsTotal());
            ObjectNode drops = x.putObject("drops");
            st.drops().forEach(drops::put);
        }
        ObjectNode load = o.putObject("relay_load");
        load.put("bin_s", bin / 1e9);
        ObjectNode perRegion = load.putObject("bytes");
        for (Map.Entry<Integer, long[]> r : relayBins.entrySet()) {
            ArrayNode a = perRegion.putArray(tailnet.region(r.getKey()).name());
            for (long b : r.getValue()) {
                a.add(b);
            }
        }
        ObjectNode prop = o.putObject("netmap_propagation");
        List<Long> sorted = new ArrayList<>(propagation);
        sorted.sort(null);
        prop.put("samples", sorted.size());
        if (!sorted.isEmpty()) {
            prop.put("median_s", sorted.get(sorted.size() / 2) / 1e9);
            prop.put("p90_s", sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.9) - 1)) / 1e9);
            prop.put("max_s", sorted.get(sorted.size() - 1) / 1e9);
        }
        o.put("control_bytes_sent", tailnet.control().bytesSent());
        if (!tailnet.spec().pairs().isEmpty()) {
            ArrayNode m = o.putArray("matrix");
            for (TailnetSpec.Pair p : tailnet.spec().pairs()) {
                ObjectNode x = m.addObject();
                x.put("nat_a", p.natA());
                x.put("nat_b", p.natB());
                Long ab = firstDirect.get(p.a() + ">" + p.b());
                Long ba = firstDirect.get(p.b() + ">" + p.a());
                x.put("outcome", ab != null && ba != null ? "direct" : "relayed");
                seconds(x, "a_direct_s", ab);
                seconds(x, "b_direct_s", ba);
            }
        }
        return o;
    }

    private static void seconds(ObjectNode o, String field, Long nanos) {
        if (nanos == null) {
            o.putNull(field);
        } else {
            o.put(field, nanos / 1e9);
        }
    }
}
