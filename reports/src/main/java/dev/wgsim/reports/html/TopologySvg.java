package dev.wgsim.reports.html;

import dev.wgsim.reports.charts.Palette;
import dev.wgsim.reports.results.Topology;
import java.awt.Color;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The network drawn as SVG with a layered layout: the best-connected thing (usually the internet
 * core or a hub) on top, each further row one hop away, a row ordered by its parents so edges
 * rarely cross. Deterministic: the same topology always gives the same picture. Rows with very
 * many members show the first ones and a "+N more" box; a grouped entry (a large scenario's copies
 * of one {@code count:} entry) is one box that says how many nodes it stands for.
 */
public final class TopologySvg {
    static final int MAX_PER_ROW = 16;
    static final int MAX_TUNNELS = 60;
    private static final int CELL_W = 150;
    private static final int ROW_H = 120;
    private static final int BOX_W = 130;
    private static final int BOX_H = 46;

    private TopologySvg() {}

    enum Kind { HOST, NAT, ROUTER, MORE }

    record Vertex(String name, Kind kind, String line2, String line3, double x, double y) {}

    /** The layout, exposed for tests: placed vertices and drawn edges (pairs of vertex names). */
    record Layout(List<Vertex> vertices, List<String[]> edges, List<String[]> tunnels, int width, int height) {}

    public static String render(Topology t, Palette nodeColours) {
        return toSvg(layout(t), nodeColours);
    }

    static Layout layout(Topology t) {
        Map<String, Kind> kinds = new TreeMap<>();
        Map<String, Topology.Node> hosts = new HashMap<>();
        Map<String, Topology.Nat> nats = new HashMap<>();
        for (Topology.Node n : t.nodes()) {
            kinds.put(n.name(), n.router() ? Kind.ROUTER : Kind.HOST);
            hosts.put(n.name(), n);
        }
        for (Topology.Nat n : t.nats()) {
            kinds.put(n.name(), Kind.NAT);
            nats.put(n.name(), n);
        }
        Map<String, Set<String>> adj = new TreeMap<>();
        Set<String> edgeKeys = new LinkedHashSet<>();
        List<String[]> edges = new ArrayList<>();
        for (Topology.Link l : t.links()) {
            edge(l.a(), l.b(), kinds, adj, edgeKeys, edges);
        }
        for (Topology.Nat n : t.nats()) {
            for (String in : n.inside()) {
                edge(in, n.name(), kinds, adj, edgeKeys, edges);
            }
            if (!n.outside().isBlank()) {
                edge(n.name(), n.outside(), kinds, adj, edgeKeys, edges);
            }
        }
        for (String k : kinds.keySet()) {
            adj.computeIfAbsent(k, x -> new TreeSet<>());
        }

        // Rows by breadth-first distance from the best-connected vertex; other components follow.
        List<List<String>> rows = new ArrayList<>();
        Map<String, Double> order = new HashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> byDegree = new ArrayList<>(adj.keySet());
        byDegree.sort(Comparator.comparing((String v) -> -adj.get(v).size()).thenComparing(Comparator.naturalOrder()));
        for (String root : byDegree) {
            if (seen.contains(root)) {
                continue;
            }
            int base = rows.size();
            Deque<String> queue = new ArrayDeque<>();
            Map<String, Integer> depth = new HashMap<>();
            queue.add(root);
            depth.put(root, 0);
            seen.add(root);
            while (!queue.isEmpty()) {
                String v = queue.poll();
                int d = depth.get(v);
                while (rows.size() <= base + d) {
                    rows.add(new ArrayList<>());
                }
                List<String> row = rows.get(base + d);
                row.add(v);
                order.put(v, (double) row.size());
                for (String w : adj.get(v)) {
                    if (seen.add(w)) {
                        depth.put(w, d + 1);
                        queue.add(w);
                    }
                }
            }
        }
        // Order each row by the mean position of its neighbours in the row above.
        for (int r = 1; r < rows.size(); r++) {
            Set<String> above = new TreeSet<>(rows.get(r - 1));
            List<String> row = rows.get(r);
            Map<String, Double> key = new HashMap<>();
            for (String v : row) {
                double sum = 0;
                int n = 0;
                for (String w : adj.get(v)) {
                    if (above.contains(w)) {
                        sum += order.get(w);
                        n++;
                    }
                }
                key.put(v, n == 0 ? Double.MAX_VALUE : sum / n);
            }
            row.sort(Comparator.comparing((String v) -> key.get(v)).thenComparing(Comparator.naturalOrder()));
            for (int i = 0; i < row.size(); i++) {
                order.put(row.get(i), (double) i);
            }
        }

        int widest = rows.stream().mapToInt(r -> Math.min(r.size(), MAX_PER_ROW + 1)).max().orElse(1);
        int width = Math.max(640, widest * CELL_W + 40);
        // Bottom of the last row's boxes plus a margin.
        int height = 20 + (rows.size() - 1) * ROW_H + BOX_H + 30;
        List<Vertex> placed = new ArrayList<>();
        Set<String> shown = new LinkedHashSet<>();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            int visible = row.size() > MAX_PER_ROW + 1 ? MAX_PER_ROW : row.size();
            int cells = visible + (visible < row.size() ? 1 : 0);
            double spacing = (width - 40.0) / cells;
            double y = 20 + r * ROW_H + BOX_H / 2.0 + 10;
            for (int i = 0; i < visible; i++) {
                String v = row.get(i);
                double x = 20 + spacing * (i + 0.5);
                placed.add(vertex(v, kinds.getOrDefault(v, Kind.ROUTER), hosts.get(v), nats.get(v), x, y));
                shown.add(v);
            }
            if (visible < row.size()) {
                placed.add(new Vertex("+" + (row.size() - visible) + " more", Kind.MORE,
                        "not drawn", "", 20 + spacing * (visible + 0.5), y));
            }
        }
        List<String[]> drawn = edges.stream().filter(e -> shown.contains(e[0]) && shown.contains(e[1])).toList();
        List<String[]> tunnels = new ArrayList<>();
        Set<String> tunnelKeys = new TreeSet<>();
        for (Topology.Node n : t.nodes()) {
            if (n.wireguard() == null) {
                continue;
            }
            for (String p : n.wireguard().peers()) {
                if (shown.contains(n.name()) && shown.contains(p)) {
                    String k = n.name().compareTo(p) < 0 ? n.name() + '\u0000' + p : p + '\u0000' + n.name();
                    if (tunnelKeys.add(k)) {
                        tunnels.add(new String[] {n.name(), p});
                    }
                }
            }
        }
        return new Layout(placed, drawn, tunnels.size() <= MAX_TUNNELS ? tunnels : List.of(), width, height);
    }

    private static void edge(String a, String b, Map<String, Kind> kinds, Map<String, Set<String>> adj,
                             Set<String> keys, List<String[]> edges) {
        if (a.equals(b)) {
            return;
        }
        kinds.putIfAbsent(a, Kind.ROUTER);
        kinds.putIfAbsent(b, Kind.ROUTER);
        adj.computeIfAbsent(a, x -> new TreeSet<>()).add(b);
        adj.computeIfAbsent(b, x -> new TreeSet<>()).add(a);
        String k = a.compareTo(b) < 0 ? a + '\u0000' + b : b + '\u0000' + a;
        if (keys.add(k)) {
            edges.add(new String[] {a, b});
        }
    }

    private static Vertex vertex(String name, Kind kind, Topology.Node host, Topology.Nat nat, double x, double y) {
        String l2 = "";
        String l3 = "";
        if (host != null && host.count() > 1) {
            // One box for a count: entry's copies: how many, and where their addresses start.
            l2 = String.format(Locale.ROOT, "%,d nodes", host.count());
            l3 = host.addresses().isEmpty() ? "" : "from " + host.addresses().get(0);
        } else if (host != null) {
            l2 = host.addresses().isEmpty() ? "" : host.addresses().get(0);
            if (host.wireguard() != null) {
                l3 = host.wireguard().iface() + " " + host.wireguard().address();
            }
        } else if (nat != null) {
            l2 = "NAT " + abbreviate(nat.mapping()) + " / " + abbreviate(nat.filtering());
            if (nat.count() > 1) {
                l3 = String.format(Locale.ROOT, "%,d NATs", nat.count());
            }
        }
        return new Vertex(name, kind, l2, l3, x, y);
    }

    /** RFC 4787 behaviours as the short forms people use (EIM, APDF...). */
    static String abbreviate(String behaviour) {
        return switch (behaviour.toLowerCase(Locale.ROOT)) {
            case "endpoint-independent" -> "EI";
            case "address-dependent" -> "AD";
            case "address-and-port-dependent" -> "APD";
            case "" -> "?";
            default -> behaviour;
        };
    }

    static String toSvg(Layout l, Palette colours) {
        Map<String, Vertex> at = new LinkedHashMap<>();
        l.vertices().forEach(v -> at.put(v.name(), v));
        StringBuilder b = new StringBuilder(4096);
        // Never scaled up beyond its drawn size: a small network stays small on a wide page.
        b.append("<svg class=\"topology\" viewBox=\"0 0 ").append(l.width()).append(' ').append(l.height())
                .append("\" style=\"max-width:").append(l.width()).append("px\" role=\"img\" aria-label=\"network topology\">\n");
        b.append("<g stroke=\"#888\" stroke-width=\"1.2\">\n");
        for (String[] e : l.edges()) {
            Vertex a = at.get(e[0]);
            Vertex c = at.get(e[1]);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n",
                    a.x(), a.y(), c.x(), c.y()));
        }
        b.append("</g>\n<g fill=\"none\" stroke=\"#2b8a3e\" stroke-width=\"1.4\" stroke-dasharray=\"5 4\" opacity=\"0.75\">\n");
        for (String[] e : l.tunnels()) {
            Vertex a = at.get(e[0]);
            Vertex c = at.get(e[1]);
            // Tunnels bow sideways so they do not hide the physical links they run over.
            double mx = (a.x() + c.x()) / 2 + (c.y() - a.y()) * 0.25;
            double my = (a.y() + c.y()) / 2 - (c.x() - a.x()) * 0.25;
            b.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1f Q%.1f %.1f %.1f %.1f\"/>%n",
                    a.x(), a.y(), mx, my, c.x(), c.y()));
        }
        b.append("</g>\n");
        for (Vertex v : l.vertices()) {
            double x0 = v.x() - BOX_W / 2.0;
            double y0 = v.y() - BOX_H / 2.0;
            switch (v.kind()) {
                case HOST -> b.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"#fff\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                        x0, y0, BOX_W, BOX_H, hex(colours.of(v.name()))));
                case NAT -> b.append(String.format(Locale.ROOT,
                        "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#fff4e5\" stroke=\"#d9822b\" stroke-width=\"1.6\"/>%n",
                        x0 + 12, y0, x0 + BOX_W - 12, y0, x0 + BOX_W, v.y(), x0 + BOX_W - 12, y0 + BOX_H, x0 + 12, y0 + BOX_H, x0, v.y()));
                case ROUTER -> b.append(String.format(Locale.ROOT,
                        "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"%d\" ry=\"%d\" fill=\"#f1f3f5\" stroke=\"#868e96\" stroke-width=\"1.4\"/>%n",
                        v.x(), v.y(), BOX_W / 2, BOX_H / 2));
                case MORE -> b.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"#f8f9fa\" stroke=\"#adb5bd\" stroke-dasharray=\"3 3\"/>%n",
                        x0, y0, BOX_W, BOX_H));
            }
            double ty = v.y() - (v.line3().isEmpty() ? (v.line2().isEmpty() ? -4 : 3) : 9);
            text(b, v.x(), ty, 12.5, "600", v.name());
            if (!v.line2().isEmpty()) {
                text(b, v.x(), ty + 14, 10.5, "400", v.line2());
            }
            if (!v.line3().isEmpty()) {
                text(b, v.x(), ty + 27, 10.5, "400", v.line3());
            }
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static void text(StringBuilder b, double x, double y, double size, String weight, String s) {
        String shown = s.length() > 22 ? s.substring(0, 21) + "…" : s;
        b.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" font-weight=\"%s\" text-anchor=\"middle\">", x, y, size, weight))
                .append(HtmlEscape.escape(shown)).append("</text>\n");
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
