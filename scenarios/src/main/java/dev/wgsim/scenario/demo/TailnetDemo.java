package dev.wgsim.scenario.demo;

import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.net.IpAddress;
import dev.wgsim.scenario.model.Defaults;
import dev.wgsim.scenario.model.DelaySpec;
import dev.wgsim.scenario.model.LinkDirectionSpec;
import dev.wgsim.scenario.model.LinkSpec;
import dev.wgsim.scenario.model.LossSpec;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.TailnetSpec;
import dev.wgsim.scenario.model.TraceLevel;
import dev.wgsim.scenario.model.TrafficSpec;
import dev.wgsim.scenario.sim.AddressConversion;
import dev.wgsim.scenario.sim.Simulation;
import dev.wgsim.scenario.tailnet.Tailnet;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.Constants;
import dev.wgsim.wg.device.PeerSnapshot;
import dev.wgsim.wg.device.WgDevice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The demo of a scenario with a {@code tailnet:} block: the file's tailnet and traffic run as
 * written (the clock still moves only when the user acts), and the page shows one device's
 * tailscale0 table at a time, filled by the coordination server's netmap, with each row's path as
 * magicsock chose it (the peer's home DERP region, or a direct or LAN endpoint once hole punching
 * succeeded), plus a grid of every device's table. Add device brings a new machine into the tailnet
 * at run time; its key reaches every other table with the next netmap batch.
 */
final class TailnetDemo {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    /** An added device pings its target once a second from this long after joining (login, netmap). */
    static final long PING_DELAY_NANOS = 2_000_000_000L;
    private static final long ADDED_DELAY_NANOS = 15_000_000L;

    private final Scenario original;
    private final DemoEventBuffer log;
    private Simulation sim;
    private Network net;
    private Tailnet tailnet;
    private AddressPool pool;
    private String selected;
    private String message;
    private int addedCount;
    private final Map<String, String> regionNames = new HashMap<>();

    TailnetDemo(Scenario original, DemoEventBuffer log) {
        this.original = original;
        this.log = log;
        build();
    }

    void build() {
        Scenario s = new Scenario(original.name(), original.description(), original.file(), original.seed(),
                original.duration(), original.epoch(), original.metricsBin(), original.nodes(), original.links(),
                original.nats(), original.events(), original.traffic(), original.capture(), List.of(), List.of(),
                TraceLevel.PROTOCOL, original.tailnet());
        sim = Simulation.build(s);
        net = sim.network();
        tailnet = Tailnet.attach(sim).orElseThrow();
        pool = new AddressPool();
        addedCount = 0;
        regionNames.clear();
        tailnet.spec().relays().forEach(r -> regionNames.put(String.valueOf(r.region()), r.name()));
        selected = tailnet.spec().devices().get(0).name();
        net.trace().subscribeProtocol(this::onEvent);
        message = "Tailnet " + original.name() + " loaded: " + tailnet.spec().devices().size() + " devices, "
                + tailnet.spec().relays().size() + " DERP regions, control on " + tailnet.spec().control().node()
                + ". Press +1 s or Play: devices log in, the netmap fills each " + Tailnet.INTERFACE
                + " table, and paths go direct where the NATs allow.";
        log.add(net.now(), "info", "", message);
    }

    String selected() {
        return selected;
    }

    WgDevice device(String name) {
        var t = sim.tunnels().get(name);
        return t == null ? null : t.device();
    }

    // ------------------------------------------------------------------ actions

    DemoState advance(long nanos) {
        net.loop().runUntil(net.now() + nanos);
        message = "Clock advanced by " + DemoSession.formatSeconds(nanos) + "." + reachSentence();
        return state();
    }

    DemoState select(String device) {
        device(device, "device");
        selected = device;
        message = "Showing " + device + "'s " + Tailnet.INTERFACE + ".";
        return state();
    }

    private TailnetSpec.Device device(String name, String field) {
        for (TailnetSpec.Device d : tailnet.allDevices()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new DemoInputException(field, "no tailnet device named '" + name + "'");
    }

    /**
     * A new machine joins the tailnet now: on a public address of its own ({@code behind} empty) or
     * on the home network of device {@code behind} (behind that device's NAT). It pings
     * {@code pingTo} (a device name; empty: none) once a second, so its paths get used and punched.
     */
    DemoState addDevice(String name, String behind, String pingTo) {
        if (name.isEmpty()) {
            do {
                name = "new" + (++addedCount);
            } while (PeerFormTable.hostExists(net, name));
        } else if (!NAME.matcher(name).matches()) {
            throw new DemoInputException("name", "a device name is a lower-case letter, then up to 30 letters, digits or '-'");
        } else if (PeerFormTable.hostExists(net, name) || sim.outerNetwork().nat(name) != null) {
            throw new DemoInputException("name", "the network has a node named '" + name + "' already");
        }
        TailnetSpec.Device target = pingTo.isEmpty() ? null : device(pingTo, "pingTo");
        List<TailnetSpec.Device> all = tailnet.allDevices();
        IpAddress v4 = nextTailnetV4(all);
        IpAddress v6 = all.get(0).tailnetV6();
        for (TailnetSpec.Device d : all) {
            v6 = d.tailnetV6().compareTo(v6) > 0 ? d.tailnetV6() : v6;
        }
        v6 = v6.plus(1);
        int home = homeRegion();
        long now = net.now();
        TailnetSpec.Device d;
        String where;
        if (behind.isEmpty()) {
            IpAddress pub = pool.nextOuter(net);
            String uplink = name + "-wan";
            sim.addNode(new NodeSpec(name, List.of(pub), false, Optional.empty()),
                    link(uplink, name, tailnet.spec().core(), ADDED_DELAY_NANOS));
            d = new TailnetSpec.Device(name, "none", null, false, ADDED_DELAY_NANOS, home, now, pub, null, null, uplink,
                    v4, v6, null);
            where = "on public address " + pub;
        } else {
            TailnetSpec.Device host = device(behind, "behind");
            if (host.nat() == null) {
                throw new DemoInputException("behind", behind + " has a public address, no NAT to share; pick a device"
                        + " behind a NAT, or leave it empty");
            }
            IpAddress lan = freeLanAddress(host.lan());
            String uplink = name + "-lan";
            sim.addNode(new NodeSpec(name, List.of(lan), false, Optional.empty()),
                    link(uplink, name, host.nat(), 1_000_000L));
            d = new TailnetSpec.Device(name, host.natKind(), host.cgnatKind(), false, host.delay(), home, now, lan,
                    host.nat(), host.cgnat(), uplink, v4, v6, null);
            where = "at " + lan + " behind " + behind + "'s " + host.natKind() + " NAT";
        }
        tailnet.addDevice(d);
        if (target != null) {
            String flow = name + "-ping";
            sim.addTraffic(new TrafficSpec(flow, TrafficSpec.Kind.PING, name, target.name(), target.tailnetV4(), true, 0,
                    Defaults.PING_SIZE, now + PING_DELAY_NANOS, Long.MAX_VALUE / 2, 0, 0, 1_000_000_000L, 0,
                    Defaults.TRAFFIC_PORT, null));
        }
        message = "Device " + name + " joins the tailnet " + where + " as " + v4 + (target == null ? ""
                : ", pinging " + target.name() + " from " + DemoSession.formatSeconds(PING_DELAY_NANOS) + " on")
                + ". Press +1 s or Play: control registers it and its key reaches every table with the next netmap batch.";
        log.add(now, "peer", name, message);
        return state();
    }

    /** The device rotates its node key now (re-authentication); control announces the new key to every peer. */
    DemoState reauthenticate(String name) {
        device(name, "device");
        if (device(name) == null) {
            throw new DemoInputException("device", name + " has not joined yet: run the clock first");
        }
        String old = device(name).publicKey().toBase64();
        String fresh = tailnet.reauthenticate(name).toBase64();
        message = name + " re-authenticated: node key " + DemoPeers.shorten(old) + " → " + DemoPeers.shorten(fresh)
                + ". Its sessions under the old key stop; press +1 s: control re-registers it (same addresses) and every"
                + " table swaps the old key for the new one with the next netmap batch.";
        log.add(net.now(), "rekey", name, message);
        return state();
    }

    private static LinkSpec link(String name, String a, String b, long delay) {
        LinkDirectionSpec d = new LinkDirectionSpec(new DelaySpec.Fixed(delay), Defaults.LINK_JITTER, Defaults.LINK_RATE,
                Defaults.LINK_QUEUE_PACKETS, LossSpec.NONE, 0.0, 0.0, Defaults.LINK_MTU);
        return new LinkSpec(name, a, b, d, d, true);
    }

    /** The next 100.64/10 address after every device's (100.100.100.100, quad-100, skipped). */
    private static IpAddress nextTailnetV4(List<TailnetSpec.Device> all) {
        IpAddress max = all.get(0).tailnetV4();
        for (TailnetSpec.Device d : all) {
            max = d.tailnetV4().compareTo(max) > 0 ? d.tailnetV4() : max;
        }
        IpAddress next = max.plus(1);
        return next.equals(IpAddress.parse("100.100.100.100")) ? next.plus(1) : next;
    }

    /** The lowest-latency region, as a device without {@code home:} gets. */
    private int homeRegion() {
        TailnetSpec.Relay best = tailnet.spec().relays().get(0);
        for (TailnetSpec.Relay r : tailnet.spec().relays()) {
            best = r.delay() < best.delay() ? r : best;
        }
        return best.region();
    }

    private IpAddress freeLanAddress(IpAddress first) {
        for (IpAddress a = first.plus(1); ; a = a.plus(1)) {
            if (!AddressPool.outerInUse(net, a)) {
                return a;
            }
        }
    }

    /** For each device added from the page: how many of the other joined devices' tables hold its key. */
    private String reachSentence() {
        StringBuilder out = new StringBuilder();
        for (TailnetSpec.Device d : tailnet.allDevices().subList(tailnet.spec().devices().size(), tailnet.allDevices().size())) {
            WgDevice self = device(d.name());
            if (self == null) {
                continue;
            }
            int others = 0;
            int holding = 0;
            for (TailnetSpec.Device o : tailnet.allDevices()) {
                WgDevice w = o.name().equals(d.name()) ? null : device(o.name());
                if (w != null) {
                    others++;
                    holding += w.peer(self.publicKey()) != null ? 1 : 0;
                }
            }
            out.append(' ').append(d.name()).append("'s key is in ").append(holding).append(" of ").append(others)
                    .append(" tables.");
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ the log

    private void onEvent(TraceEvent e) {
        String kind = e.kind();
        String node = e.field("node");
        String peer = e.field("peer");
        String text = switch (kind) {
            case "tailnet.control.registered" -> "control registered " + node + ": " + e.field("addresses")
                    + ("true".equals(e.field("reauth")) ? " (re-authenticated)" : "");
            case "tailnet.control.flushed" -> "control sent a netmap batch: " + e.field("changes") + " changes to "
                    + e.field("sessions") + " devices";
            case "tailnet.netmap.peer" -> node.equals(selected) || isAdded(peer)
                    ? "netmap: " + node + "'s " + Tailnet.INTERFACE + " " + switch (e.field("what")) {
                        case "added" -> "gains peer " + peer;
                        case "removed" -> "loses peer " + peer;
                        default -> "updates peer " + peer + " (" + e.field("what") + ")";
                    } : null;
            case "tailnet.path" -> "path " + node + " → " + peer + ": " + e.field("from") + " → " + pathWords(e);
            case "wg.handshake.completed" -> node.equals(selected) ? "⚡ HANDSHAKE " + node + " with " + peer
                    + " complete (" + node + " was the " + e.field("role") + ")" : null;
            case "tailnet.control.refused" -> "control refused " + node + ": " + e.field("reason");
            default -> null;
        };
        if (text != null) {
            String cls = switch (kind) {
                case "tailnet.path" -> "endpoint";
                case "wg.handshake.completed" -> "handshake";
                default -> "peer";
            };
            log.add(e.timeNanos(), cls, peer == null ? "" : peer, text);
        }
    }

    private String pathWords(TraceEvent e) {
        String to = e.field("to");
        return switch (to) {
            case "relayed" -> "DERP " + regionNames.getOrDefault(e.field("region"), "region " + e.field("region"));
            case "direct", "local" -> to + " " + e.field("endpoint") + " (" + e.field("latency_ms") + " ms)";
            default -> to;
        };
    }

    private boolean isAdded(String name) {
        List<TailnetSpec.Device> all = tailnet.allDevices();
        for (TailnetSpec.Device d : all.subList(tailnet.spec().devices().size(), all.size())) {
            if (d.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ state

    /** A path as the page's path column shows it: "DERP nyc", "direct 198.18.16.4:41641", "local …", "none". */
    private String pathText(Tailnet.PeerPath p) {
        return switch (p.path()) {
            case "relayed" -> "DERP " + regionNames.getOrDefault(String.valueOf(p.region()), "region " + p.region());
            case "direct", "local" -> p.path() + " " + p.endpoint();
            default -> p.path();
        };
    }

    DemoState state() {
        long now = net.now();
        TailnetSpec.Device sel = device(selected, "device");
        WgDevice dev = device(selected);
        Map<PublicKey, Tailnet.PeerPath> paths = new HashMap<>();
        tailnet.paths(selected).forEach(p -> paths.put(p.nodeKey(), p));
        List<DemoState.Peer> rows = new ArrayList<>();
        DemoState.Iface iface;
        if (dev == null) {
            iface = new DemoState.Iface(Tailnet.INTERFACE, selected, sel.tailnetV4() + "/32", 0, "",
                    String.valueOf(sim.outerNetwork().outerAddress(selected)), 0, 0, "");
        } else {
            for (PeerSnapshot s : dev.snapshot().peers()) {
                Tailnet.PeerPath p = paths.get(s.publicKey());
                PeerSnapshot.Session session = s.currentSession();
                rows.add(new DemoState.Peer(p == null ? DemoPeers.shorten(s.publicKey().toBase64()) : p.peer(),
                        s.publicKey().toBase64(), s.allowedIps().stream().map(Object::toString).toList(),
                        s.endpoint() == null ? null : AddressConversion.endpointText(s.endpoint()),
                        session == null ? null : session.sendKeyBase64(), session == null ? null : session.sendCounter(),
                        s.hasHandshake() ? s.latestHandshakeNanos() : -1, s.rxBytes(), s.txBytes(),
                        s.persistentKeepaliveSeconds(), false, null,
                        s.allowedIps().isEmpty() ? null : s.allowedIps().get(0).address().toString(),
                        KeyAges.slots(dev, s.publicKey()), p == null ? "none" : pathText(p)));
            }
            Constants c = dev.constants();
            iface = new DemoState.Iface(Tailnet.INTERFACE, selected, sel.tailnetV4() + "/32", dev.listenPort(),
                    dev.publicKey().toBase64(), String.valueOf(sim.outerNetwork().outerAddress(selected)),
                    c.rekeyAfterTime(), c.rejectAfterTime(), Long.toUnsignedString(c.rekeyAfterMessages()));
        }
        List<DemoState.TailnetDevice> devices = new ArrayList<>();
        List<TailnetSpec.Device> all = tailnet.allDevices();
        for (TailnetSpec.Device d : all) {
            WgDevice w = device(d.name());
            List<DemoState.PathCell> cells = new ArrayList<>();
            if (w != null) {
                for (Tailnet.PeerPath p : tailnet.paths(d.name())) {
                    if (w.peer(p.nodeKey()) != null) {
                        cells.add(new DemoState.PathCell(p.peer(), p.path(), pathText(p)));
                    }
                }
            }
            devices.add(new DemoState.TailnetDevice(d.name(), d.natKind() + (d.cgnatKind() == null ? "" : " + carrier "
                    + d.cgnatKind()), d.tailnetV4().toString(), w != null, tailnet.controlConnected(d.name()),
                    regionNames.getOrDefault(String.valueOf(d.home()), String.valueOf(d.home())),
                    all.indexOf(d) >= tailnet.spec().devices().size(), cells));
        }
        List<DemoState.Node> topology = List.of(new DemoState.Node(selected, "wg",
                String.valueOf(sim.outerNetwork().outerAddress(selected))));
        return new DemoState(original.name(), original.description(), now, iface, rows, topology, null, message,
                new DemoState.Tailnet(selected, tailnet.spec().control().node(), devices));
    }
}
