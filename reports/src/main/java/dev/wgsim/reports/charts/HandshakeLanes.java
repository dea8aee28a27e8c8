package dev.wgsim.reports.charts;

import dev.wgsim.reports.results.WgEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * WireGuard events grouped into lanes, one per (node, peer): what the node did about that peer.
 * A keypair's bar runs from its rotation into use until the next rotation, its reject-after-time
 * (180 s) deadline, keys zeroed, or the end of the run, whichever is first.
 */
public final class HandshakeLanes {
    public static final double REJECT_AFTER_TIME_S = 180;

    private HandshakeLanes() {}

    /** One lane's events in time order and its keypair periods [start, end] in seconds. */
    public record Lane(String node, String peer, List<WgEvent> events, List<double[]> keypairs) {
        public Lane {
            events = List.copyOf(events);
            keypairs = List.copyOf(keypairs);
        }

        public String label() {
            return node + " → " + peer;
        }

        boolean gaveUp() {
            return events.stream().anyMatch(e -> e.kind() == WgEvent.Kind.GAVE_UP);
        }
    }

    /** The selected lanes in display order (by node, then peer) and how many existed. */
    public record Selection(List<Lane> lanes, int total) {
        public Selection {
            lanes = List.copyOf(lanes);
        }
    }

    public static Selection select(List<WgEvent> events, double endSeconds, int maxLanes) {
        Map<String, List<WgEvent>> byLane = new TreeMap<>();
        for (WgEvent e : events) {
            byLane.computeIfAbsent(e.node() + '\u0000' + e.peer(), k -> new ArrayList<>()).add(e);
        }
        List<Lane> all = new ArrayList<>(byLane.size());
        for (List<WgEvent> es : byLane.values()) {
            es.sort(Comparator.comparingLong(WgEvent::timeNanos));
            all.add(new Lane(es.get(0).node(), es.get(0).peer(), es, keypairs(es, endSeconds)));
        }
        List<Lane> chosen = all;
        if (all.size() > maxLanes) {
            // Failures first (they are what a reader looks for), then the busiest; ties by name.
            List<Lane> ranked = new ArrayList<>(all);
            ranked.sort(Comparator.comparing((Lane l) -> !l.gaveUp())
                    .thenComparing(l -> -l.events().size())
                    .thenComparing(Lane::node).thenComparing(Lane::peer));
            chosen = new ArrayList<>(ranked.subList(0, maxLanes));
            chosen.sort(Comparator.comparing(Lane::node).thenComparing(Lane::peer));
        }
        return new Selection(chosen, all.size());
    }

    static List<double[]> keypairs(List<WgEvent> es, double endSeconds) {
        boolean hasRotations = es.stream().anyMatch(e -> e.kind() == WgEvent.Kind.KEYPAIR_ROTATED);
        WgEvent.Kind startKind = hasRotations ? WgEvent.Kind.KEYPAIR_ROTATED : WgEvent.Kind.HANDSHAKE_COMPLETED;
        List<double[]> out = new ArrayList<>();
        double start = Double.NaN;
        for (WgEvent e : es) {
            double t = e.timeNanos() / 1e9;
            if (e.kind() == startKind || e.kind() == WgEvent.Kind.KEYS_ZEROED) {
                if (!Double.isNaN(start)) {
                    out.add(new double[] {start, Math.min(t, start + REJECT_AFTER_TIME_S)});
                }
                start = e.kind() == startKind ? t : Double.NaN;
            }
        }
        if (!Double.isNaN(start)) {
            out.add(new double[] {start, Math.min(endSeconds, start + REJECT_AFTER_TIME_S)});
        }
        return out;
    }

    /** Count of each event kind over the lanes, for captions and tests. */
    public static Map<String, Integer> counts(List<Lane> lanes) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Lane l : lanes) {
            for (WgEvent e : l.events()) {
                out.merge(e.kind().wireName() + (e.retry() ? ".retry" : ""), 1, Integer::sum);
            }
        }
        return out;
    }
}
