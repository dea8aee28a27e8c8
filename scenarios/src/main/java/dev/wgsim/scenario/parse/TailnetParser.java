package dev.wgsim.scenario.parse;

import dev.wgsim.net.IpAddress;
import dev.wgsim.scenario.model.Defaults;
import dev.wgsim.scenario.model.DelaySpec;
import dev.wgsim.scenario.model.LinkDirectionSpec;
import dev.wgsim.scenario.model.LinkSpec;
import dev.wgsim.scenario.model.NatSpec;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.TailnetSpec;
import dev.wgsim.scenario.model.TrafficSpec;
import dev.wgsim.scenario.yaml.Suggest;
import dev.wgsim.scenario.yaml.YMap;
import dev.wgsim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code tailnet} section: control, relays, devices and the matrix helper, expanded into the
 * nodes, NATs and links they stand for on one generated internet core, so the rest of the scenario
 * (events, traffic, captures, expectations) names them like hand-written ones.
 *
 * <p>Address plan (all outer addresses from 198.18.0.0/15, RFC 2544's benchmarking range): control
 * 198.18.0.1; relay k 198.18.0.(16+k); device i's public address 198.18.16.0 + i (its NAT's, or its
 * own without one); its LAN address 10.(i/256).(i%256).2; behind a carrier NAT its home NAT's
 * outside address is 100.96.0.0 + i (carrier space, deliberately inside 100.64.0.0/10 like the
 * tailnet's own addresses: inner and outer routing are separate) and the carrier's public address
 * 198.19.0.0 + i. Tailnet addresses follow device order: device i gets 100.64.0.0 + i + 1 and
 * fd7a:115c:a1e0::(i+1), which control hands out as an admin's fixed assignment.
 */
final class TailnetParser {
    static final String CORE = "tailnet-core";
    private static final IpAddress CONTROL_ADDRESS = IpAddress.parse("198.18.0.1");
    private static final IpAddress RELAY_BASE = IpAddress.parse("198.18.0.16");
    private static final IpAddress DEVICE_BASE = IpAddress.parse("198.18.16.0");
    private static final IpAddress CARRIER_INSIDE_BASE = IpAddress.parse("100.96.0.0");
    private static final IpAddress CARRIER_BASE = IpAddress.parse("198.19.0.0");
    private static final IpAddress TAILNET_V4 = IpAddress.parse("100.64.0.0");
    private static final IpAddress TAILNET_V6 = IpAddress.parse("fd7a:115c:a1e0::");
    private static final IpAddress QUAD_100 = IpAddress.parse("100.100.100.100");
    static final long LAN_DELAY = 1_000_000L;
    static final int MAX_DEVICES = 65_536;

    private final ScenarioParser.Context ctx;
    final List<NodeSpec> nodes = new ArrayList<>();
    final List<NatSpec> nats = new ArrayList<>();
    final List<LinkSpec> links = new ArrayList<>();
    final List<TrafficSpec> traffic = new ArrayList<>();
    private final List<TailnetSpec.Device> devices = new ArrayList<>();
    private final List<TailnetSpec.Pair> pairs = new ArrayList<>();
    private final List<TailnetSpec.Relay> relays = new ArrayList<>();

    TailnetParser(ScenarioParser.Context ctx) {
        this.ctx = ctx;
    }

    Optional<TailnetSpec> parse(Optional<YNode> section) {
        if (section.isEmpty()) {
            return Optional.empty();
        }
        YNode at = section.get();
        YMap m = at.map(ScenarioKeys.TAILNET);
        ctx.nodeNames.define(CORE, at);
        nodes.add(new NodeSpec(CORE, List.of(), true, Optional.empty()));

        YMap c = m.get("control").map(n -> n.map(ScenarioKeys.TAILNET_CONTROL)).orElse(null);
        long controlDelay = c == null ? 20_000_000L : c.get("delay", YNode::durationAllowZero, 20_000_000L);
        long batch = c == null ? 800_000_000L : c.get("batch", YNode::durationAllowZero, 800_000_000L);
        long expiry = c == null ? 0 : c.get("key_expiry", YNode::durationAllowZero, 0L);
        String controlName = "control";
        ctx.nodeNames.define(controlName, c == null ? at : c.node());
        nodes.add(new NodeSpec(controlName, List.of(CONTROL_ADDRESS), false, Optional.empty()));
        link(controlName + "-wan", controlName, CORE, controlDelay, c == null ? at : c.node());
        TailnetSpec.Control control = new TailnetSpec.Control(controlName, CONTROL_ADDRESS, controlDelay, batch, expiry);

        List<YNode> relayNodes = m.get("relays").map(YNode::list).orElse(List.of());
        if (relayNodes.isEmpty()) {
            throw m.get("relays").orElse(at).error("a tailnet needs at least one DERP relay region",
                    "Add relays: [{name: nyc, region: 1, delay: 10ms}].");
        }
        for (YNode r : relayNodes) {
            ctx.problems.attempt(() -> relay(r));
        }
        List<YNode> deviceNodes = m.get("devices").map(YNode::list).orElse(List.of());
        for (YNode d : deviceNodes) {
            ctx.problems.attempt(() -> device(d, d.map(ScenarioKeys.TAILNET_DEVICE)));
        }
        m.get("matrix").ifPresent(x -> ctx.problems.attempt(() -> matrix(x)));
        if (deviceNodes.isEmpty() && !m.has("matrix")) {
            throw at.error("a tailnet with no devices", "List devices under 'devices:' or use 'matrix:'.");
        }
        return Optional.of(new TailnetSpec(CORE, control, relays, devices, pairs));
    }

    private void relay(YNode r) {
        YMap m = r.map(ScenarioKeys.TAILNET_RELAY);
        YNode nameNode = m.require("name");
        String name = nameNode.name();
        ctx.nodeNames.define(name, nameNode);
        int region = m.get("region", n -> (int) n.integer(1, 65535), relays.size() + 1);
        for (TailnetSpec.Relay other : relays) {
            if (other.region() == region) {
                throw m.require("region").error("region " + region + " is already relay '" + other.name() + "'",
                        "Give every relay its own region id.");
            }
        }
        long delay = m.get("delay", YNode::durationAllowZero, 10_000_000L);
        IpAddress address = RELAY_BASE.plus(relays.size());
        nodes.add(new NodeSpec(name, List.of(address), false, Optional.empty()));
        link(name + "-wan", name, CORE, delay, nameNode);
        relays.add(new TailnetSpec.Relay(name, region, address, delay));
    }

    private void device(YNode at, YMap m) {
        YNode nameNode = m.require("name");
        String nat = m.get("nat").map(n -> kind(n, TailnetSpec.NAT_KINDS)).orElse("easy");
        String cgnat = m.get("cgnat").map(n -> kind(n, List.of("one2one", "easy", "easyaf", "hard"))).orElse(null);
        if (cgnat != null && nat.equals("none")) {
            throw m.require("cgnat").error("a carrier NAT needs a home NAT inside it in this helper",
                    "Give the device a nat (easy, easyaf, hard, one2one) or drop cgnat.");
        }
        boolean pm = m.get("port_mapping", YNode::bool, false);
        if (pm && nat.equals("none")) {
            throw m.require("port_mapping").error("port mapping needs a NAT to map on", "Give the device a nat, or drop port_mapping.");
        }
        long delay = m.get("delay", YNode::durationAllowZero, 10_000_000L);
        int home = m.get("home").map(this::relayRegion).orElse(0);
        long join = m.get("join").map(ctx::time).orElse(0L);
        int count = m.get("count", n -> (int) n.integer(1, MAX_DEVICES), 0);
        if (count == 0) {
            addDevice(nameNode.name(), nameNode, nat, cgnat, pm, delay, home, join);
            m.get("alt").ifPresent(a -> alt(devices.get(devices.size() - 1), a));
            return;
        }
        if (m.has("alt")) {
            throw m.require("alt").error("'alt' is for one device, not a fleet", "Drop 'count' or 'alt'.");
        }
        // A fleet: NAME-1 .. NAME-N, joining one after another over join_spread.
        long spread = m.get("join_spread", YNode::durationAllowZero, 0L);
        for (int k = 0; k < count; k++) {
            addDevice(nameNode.name() + "-" + (k + 1), nameNode, nat, cgnat, pm, delay, home, join + spread * k / count);
        }
    }

    /**
     * A second network the device can roam to with a {@code roam} event (a phone's LTE beside its
     * Wi-Fi): NAT {@code D-alt-nat} (and carrier {@code D-alt-cgnat}), links {@code D-alt-lan},
     * {@code D-alt-wan}; the device's address there is 10.(128+i/256).(i%256).2 unless given.
     */
    private void alt(TailnetSpec.Device d, YNode at) {
        YMap m = at.map(ScenarioKeys.TAILNET_ALT);
        int i = devices.size() - 1;
        if (i >= MAX_DEVICES / 2) {
            throw at.error("a second network is only available to the first " + MAX_DEVICES / 2 + " devices", "Drop 'alt'.");
        }
        String nat = m.get("nat").map(n -> kind(n, List.of("one2one", "easy", "easyaf", "hard"))).orElse("easy");
        String cgnat = m.get("cgnat").map(n -> kind(n, List.of("one2one", "easy", "easyaf", "hard"))).orElse(null);
        long delay = m.get("delay", YNode::durationAllowZero, 10_000_000L);
        IpAddress lan = m.get("address").map(n -> n.convert("an address", AddressSyntax::address))
                .orElse(IpAddress.v4(10, 128 + ((i >> 8) & 0x7f), i & 0xff, 2));
        String name = d.name();
        String natName = name + "-alt-nat";
        ctx.nodeNames.define(natName, at);
        ctx.natNames.define(natName, at);
        link(name + "-alt-lan", name, natName, LAN_DELAY, at);
        int k = MAX_DEVICES / 2 + i;
        if (cgnat == null) {
            nats.add(presetNat(natName, nat, DEVICE_BASE.plus(k), name, CORE));
            link(name + "-alt-wan", natName, CORE, delay, at);
        } else {
            String cg = name + "-alt-cgnat";
            ctx.nodeNames.define(cg, at);
            ctx.natNames.define(cg, at);
            nats.add(presetNat(natName, nat, CARRIER_INSIDE_BASE.plus(k), name, cg));
            link(name + "-alt-cgn", natName, cg, LAN_DELAY, at);
            nats.add(presetNat(cg, cgnat, CARRIER_BASE.plus(k), natName, CORE));
            link(name + "-alt-wan", cg, CORE, delay, at);
        }
        devices.set(i, d.withAltLan(lan));
    }

    private void addDevice(String name, YNode at, String nat, String cgnat, boolean pm, long delay, int home, long join) {
        int i = devices.size();
        if (i >= MAX_DEVICES) {
            throw at.error("more than " + MAX_DEVICES + " tailnet devices", "Split the tailnet.");
        }
        ctx.nodeNames.define(name, at);
        IpAddress pub = DEVICE_BASE.plus(i);
        IpAddress lan = nat.equals("none") ? pub : IpAddress.v4(10, (i >> 8) & 0xff, i & 0xff, 2);
        nodes.add(new NodeSpec(name, List.of(lan), false, Optional.empty()));
        String natName = null;
        String cgnatName = null;
        String uplink;
        if (nat.equals("none")) {
            uplink = name + "-wan";
            link(uplink, name, CORE, delay, at);
        } else {
            natName = name + "-nat";
            ctx.nodeNames.define(natName, at);
            ctx.natNames.define(natName, at);
            uplink = name + "-lan";
            link(uplink, name, natName, LAN_DELAY, at);
            if (cgnat == null) {
                nats.add(presetNat(natName, nat, pub, name, CORE));
                link(name + "-wan", natName, CORE, delay, at);
            } else {
                cgnatName = name + "-cgnat";
                ctx.nodeNames.define(cgnatName, at);
                ctx.natNames.define(cgnatName, at);
                nats.add(presetNat(natName, nat, CARRIER_INSIDE_BASE.plus(i), name, cgnatName));
                link(name + "-cgn", natName, cgnatName, LAN_DELAY, at);
                nats.add(presetNat(cgnatName, cgnat, CARRIER_BASE.plus(i), natName, CORE));
                link(name + "-wan", cgnatName, CORE, delay, at);
            }
        }
        if (home == 0) {
            TailnetSpec.Relay best = relays.get(0);
            for (TailnetSpec.Relay r : relays) {
                if (r.delay() < best.delay()) {
                    best = r;
                }
            }
            home = best.region();
        }
        IpAddress v4 = tailnetV4(i);
        IpAddress v6 = TAILNET_V6.plus(i + 1);
        ctx.tailnetAddresses.put(name, v4);
        devices.add(new TailnetSpec.Device(name, nat, cgnat, pm, delay, home, join, lan, natName, cgnatName, uplink, v4, v6, null));
    }

    /** Device i's tailnet IPv4 address: the (i+1)-th of 100.64.0.0/10, quad-100 skipped. */
    static IpAddress tailnetV4(int i) {
        IpAddress a = TAILNET_V4.plus(i + 1);
        return a.compareTo(QUAD_100) >= 0 ? a.plus(1) : a;
    }

    private void matrix(YNode at) {
        YMap m = at.map(ScenarioKeys.TAILNET_MATRIX);
        List<String> kinds = m.list("nats", n -> kind(n, TailnetSpec.NAT_KINDS));
        if (kinds.isEmpty()) {
            throw at.error("the matrix names no NAT kinds", "Write nats: [one2one, easy, easyaf, hard].");
        }
        long delay = m.get("delay", YNode::durationAllowZero, 10_000_000L);
        long interval = m.get("interval", YNode::duration, 1_000_000_000L);
        long start = m.get("start").map(ctx::time).orElse(1_000_000_000L);
        for (int x = 0; x < kinds.size(); x++) {
            for (int y = x; y < kinds.size(); y++) {
                String pair = kinds.get(x) + "-" + kinds.get(y);
                String a = pair + "-a";
                String b = pair + "-b";
                addDevice(a, at, kinds.get(x), null, false, delay, 0, 0);
                addDevice(b, at, kinds.get(y), null, false, delay, 0, 0);
                pairs.add(new TailnetSpec.Pair(a, b, kinds.get(x), kinds.get(y)));
                String flow = pair + "-ping";
                ctx.flowNames.define(flow, at);
                TrafficSpec t = new TrafficSpec(flow, TrafficSpec.Kind.PING, a, b, ctx.tailnetAddresses.get(b), true, 0,
                        Defaults.PING_SIZE, start, ctx.duration, 0, 0, interval, 0, Defaults.TRAFFIC_PORT, null);
                ctx.flows.put(flow, t);
                traffic.add(t);
            }
        }
    }

    private int relayRegion(YNode n) {
        String s = n.string();
        for (TailnetSpec.Relay r : relays) {
            if (r.name().equals(s)) {
                return r.region();
            }
        }
        throw n.error("no relay named '" + s + "'", Suggest.fixFor(s, relays.stream().map(TailnetSpec.Relay::name).toList(), "relay names"));
    }

    private static String kind(YNode n, List<String> allowed) {
        String s = n.string();
        if (!allowed.contains(s)) {
            throw n.error("unknown NAT kind '" + s + "'", Suggest.fixFor(s, allowed, "NAT kinds (" + String.join(", ", allowed) + ")"));
        }
        return s;
    }

    /** A NAT exactly as the preset defines it (NatConfig.preset: vnet's table), one host inside. */
    private NatSpec presetNat(String name, String preset, IpAddress pub, String inside, String outside) {
        dev.wgsim.engine.nat.NatConfig c = dev.wgsim.engine.nat.NatConfig.preset(preset);
        NatSpec.Mapping mapping = c.oneToOne() ? NatSpec.Mapping.ONE_TO_ONE : NatSpec.Mapping.valueOf(c.mapping().name());
        NatSpec.Mapping filtering = c.oneToOne() ? NatSpec.Mapping.ENDPOINT_INDEPENDENT : NatSpec.Mapping.valueOf(c.filtering().name());
        return new NatSpec(name, preset, List.of(pub), List.of(inside), outside, mapping, filtering,
                NatSpec.PortAllocation.valueOf(c.ports().name()), c.portLow(), c.portHigh(), c.mappingTimeoutNanos(), false, List.of());
    }

    private void link(String name, String a, String b, long delay, YNode at) {
        ctx.linkNames.define(name, at);
        LinkDirectionSpec d = new LinkDirectionSpec(new DelaySpec.Fixed(delay), Defaults.LINK_JITTER, Defaults.LINK_RATE,
                Defaults.LINK_QUEUE_PACKETS, dev.wgsim.scenario.model.LossSpec.NONE, 0.0, 0.0, Defaults.LINK_MTU);
        LinkSpec l = new LinkSpec(name, a, b, d, d, true);
        ctx.links.put(name, l);
        links.add(l);
    }
}
