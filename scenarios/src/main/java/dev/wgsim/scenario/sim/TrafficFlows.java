package dev.wgsim.scenario.sim;

import dev.wgsim.engine.app.BulkTransfer;
import dev.wgsim.engine.app.FlowHeader;
import dev.wgsim.engine.app.FlowSink;
import dev.wgsim.engine.app.PingApp;
import dev.wgsim.engine.app.UdpSource;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.random.Distributions;
import dev.wgsim.engine.time.EventLoop;
import dev.wgsim.scenario.model.Defaults;
import dev.wgsim.scenario.model.TrafficSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulation's traffic: one application per flow on its sending host, a sink on the receiving
 * host's port, and for each flow the controls the scenario's {@code traffic_start}/{@code traffic_stop}
 * and the run-time API use. Removing a flow cancels every event it has pending.
 */
final class TrafficFlows {
    private final Network net;
    private final Map<String, Flow> flows = new LinkedHashMap<>();
    private final Map<String, FlowSink> sinks = new HashMap<>();
    /** Who holds each address (outer or tunnel); the first to claim it wins, as in file order. */
    private final Map<IpAddress, String> owners = new HashMap<>();

    /** One running application and how to pause, resume and end it. */
    private interface Flow {
        String from();

        void resume();

        void pause();

        /** Pauses for good: cancels every pending event of the application. */
        void end();
    }

    TrafficFlows(Network net) {
        this.net = net;
    }

    /** Records that {@code node} holds {@code a} (the flows' destination lookup); a held address keeps its first holder. */
    void claim(IpAddress a, String node) {
        owners.putIfAbsent(a, node);
    }

    /** Forgets every address {@code node} holds (it left the simulation). */
    void release(String node) {
        owners.values().removeIf(node::equals);
    }

    /** The node holding {@code a}, or null. */
    String ownerOf(IpAddress a) {
        return owners.get(a);
    }

    boolean has(String flow) {
        return flows.containsKey(flow);
    }

    /** The flows sent from {@code node}, in the order they were added. */
    List<String> sentFrom(String node) {
        List<String> out = new ArrayList<>();
        flows.forEach((name, f) -> {
            if (f.from().equals(node)) {
                out.add(name);
            }
        });
        return out;
    }

    /** Starts {@code t} from host {@code from} to host {@code to} (which gets a sink on the flow's port). */
    void add(TrafficSpec t, Host from, Host to) {
        Endpoint dst = new Endpoint(t.dst(), t.port());
        int size = (int) t.size();
        Flow flow = switch (t.kind()) {
            case PING -> ping(t, from, dst, size);
            case BULK -> {
                sink(to, t.port(), true);
                yield bulk(t, from, dst, size);
            }
            default -> {
                sink(to, t.port(), false);
                yield t.srcAddr() != null ? spoofed(from, t, dst) : udp(t, from, dst, size);
            }
        };
        flows.put(t.name(), flow);
    }

    void resume(String flow) {
        flows.get(flow).resume();
    }

    void pause(String flow) {
        flows.get(flow).pause();
    }

    void remove(String flow) {
        flows.remove(flow).end();
    }

    /** Forgets the sinks on {@code host} (it left the simulation; its sockets went with it). */
    void dropSinksOf(String host) {
        sinks.keySet().removeIf(k -> k.startsWith(host + ":"));
    }

    private Flow ping(TrafficSpec t, Host from, Endpoint dst, int size) {
        int count = (int) Math.min(65536, Math.max(1, (t.stop() - t.start()) / t.interval()));
        PingApp app = new PingApp(from, t.name(), dst.address(), t.interval(), count, size);
        if (t.srcAddr() != null) {
            app.setSource(t.srcAddr());
        }
        app.start(t.start());
        long stopEvent = net.at(t.stop(), app::stop);
        return new Flow() {
            public String from() { return t.from(); }

            public void resume() { app.start(net.now()); }

            public void pause() { app.stop(); }

            public void end() {
                app.stop();
                net.loop().cancel(stopEvent);
            }
        };
    }

    private Flow bulk(TrafficSpec t, Host from, Endpoint dst, int size) {
        BulkTransfer app = new BulkTransfer(from, t.name(), dst, t.total(), size, Defaults.BULK_WINDOW, Defaults.BULK_TIMEOUT);
        app.start(t.start());
        // A transfer has a size rather than a time span: traffic_start/stop leave it alone.
        return new Flow() {
            public String from() { return t.from(); }

            public void resume() { }

            public void pause() { }

            public void end() { app.stop(); }
        };
    }

    private Flow udp(TrafficSpec t, Host from, Endpoint dst, int size) {
        long interval = Math.max(1, size * 8L * 1_000_000_000L / t.rate());
        UdpSource src = switch (t.kind()) {
            case POISSON -> UdpSource.poisson(from, t.name(), dst, size, interval);
            case ONOFF -> UdpSource.onOff(from, t.name(), dst, size, interval,
                    Distributions.exponential(t.on()), Distributions.exponential(t.off()));
            default -> UdpSource.constantRate(from, t.name(), dst, size, t.rate());
        };
        src.start(t.start(), t.stop());
        return new Flow() {
            public String from() { return t.from(); }

            public void resume() { src.start(net.now(), t.stop()); }

            public void pause() { src.stop(); }

            public void end() { src.stop(); }
        };
    }

    /**
     * A constant-rate flow whose packets carry a chosen inner source address (to show WireGuard
     * dropping a source outside the sender's allowed IPs); sent as raw IP into the host's routing.
     */
    private Flow spoofed(Host from, TrafficSpec t, Endpoint dst) {
        int flowId = net.flowId(t.name());
        IpAddress src = t.srcAddr();
        long interval = Math.max(1, t.size() * 8L * 1_000_000_000L / t.rate());
        return new Flow() {
            private long seq;
            private long pending = net.at(t.start(), this::tick);

            private void tick() {
                long now = net.now();
                pending = EventLoop.NO_EVENT;
                if (now >= t.stop()) {
                    return;
                }
                byte[] payload = FlowHeader.payload((int) t.size(), flowId, seq++, now);
                net.flowMetrics(flowId).recordSent(now, payload.length);
                from.send(IpPacket.udp(src, t.port(), dst.address(), dst.port(), IpPacket.DEFAULT_TTL, payload));
                pending = net.loop().scheduleAfter(interval, this::tick);
            }

            public String from() { return t.from(); }

            public void resume() {
                if (pending == EventLoop.NO_EVENT) {
                    pending = net.loop().scheduleAfter(0, this::tick);
                }
            }

            public void pause() {
                net.loop().cancel(pending);
                pending = EventLoop.NO_EVENT;
            }

            public void end() { pause(); }
        };
    }

    private void sink(Host host, int port, boolean ack) {
        String key = host.name() + ":" + port;
        FlowSink existing = sinks.get(key);
        // A port bound but not by a sink is the host's WireGuard socket (tunnels are wired first):
        // the flow's datagrams go to WireGuard, which drops them by reason, as a real one would.
        if (existing == null && !host.isBound(port)) {
            sinks.put(key, new FlowSink(host, port, ack));
        }
    }
}
