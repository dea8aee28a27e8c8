package dev.wgsim.scenario.parse;

import dev.wgsim.scenario.yaml.ObjectType;
import java.util.List;

/** Every mapping the scenario format has, with its accepted keys. The JSON Schema mirrors this list. */
public final class ScenarioKeys {
    private ScenarioKeys() {
    }

    static final List<String> LINK_MODEL_KEYS = List.of("delay", "jitter", "rate", "queue", "loss", "duplicate", "reorder", "mtu");

    public static final ObjectType ROOT = ObjectType.of("root",
            "scenario", "metrics", "topology", "nodes", "links", "nats", "events", "traffic", "capture", "expect", "sweep", "tailnet");
    public static final ObjectType SCENARIO = ObjectType.of("scenario", "name", "description", "seed", "duration", "epoch", "trace");
    public static final ObjectType METRICS = ObjectType.of("metrics", "bin");
    public static final ObjectType TOPOLOGY = ObjectType.of("topology", "type", "hub", "members", "persistent_keepalive");
    public static final ObjectType NODE = ObjectType.of("node",
            "name", "count", "address", "addresses", "address_pool", "router", "wireguard");
    public static final ObjectType WIREGUARD = ObjectType.of("wireguard",
            "config", "interface", "private_key", "listen_port", "address", "address_pool", "advertise", "peers",
            "rekey_after_time", "reject_after_time", "rekey_attempt_time", "rekey_timeout", "keepalive_timeout",
            "rekey_after_messages", "reject_after_messages", "mtu", "table", "fwmark", "forward", "masquerade");
    public static final ObjectType PEER = ObjectType.of("peer",
            "node", "public_key", "name", "allowed_ips", "endpoint", "preshared_key", "persistent_keepalive");
    public static final ObjectType LINK = ObjectType.of("link",
            "name", "count", "a", "b", "up", "delay", "jitter", "rate", "queue", "loss", "duplicate", "reorder", "mtu",
            "a_to_b", "b_to_a");
    public static final ObjectType LINK_DIRECTION = ObjectType.of("link_direction", LINK_MODEL_KEYS.toArray(String[]::new));
    public static final ObjectType DELAY = ObjectType.of("delay",
            "distribution", "mean", "stddev", "min", "max", "scale", "shape", "median", "sigma");
    public static final ObjectType LOSS = ObjectType.of("loss", "model", "p", "r", "loss_good", "loss_bad");
    public static final ObjectType NAT = ObjectType.of("nat",
            "name", "count", "preset", "address", "addresses", "inside", "outside", "mapping", "filtering",
            "port_allocation", "port_range", "timeout", "hairpin", "port_mappings");
    public static final ObjectType PORT_MAPPING = ObjectType.of("port_mapping", "node", "protocol", "port", "external_port", "lease");
    public static final ObjectType EVENT = ObjectType.of("event",
            "at", "type", "label", "node", "address", "link", "nat", "peer", "private_key", "flow",
            "delay", "jitter", "rate", "queue", "loss", "duplicate", "reorder", "mtu");
    public static final ObjectType TRAFFIC = ObjectType.of("traffic",
            "name", "count", "type", "from", "to", "via", "src", "rate", "size", "start", "stop", "on", "off",
            "interval", "total", "port");
    /** Read by dev.wgsim.scenario.sweep.SweepParser (wgsim sweep, wgsim run --run-id); a plain run ignores it. */
    public static final ObjectType SWEEP = ObjectType.of("sweep", "parameters", "constraints", "replications", "seed");
    public static final ObjectType CAPTURE = ObjectType.of("capture", "nodes", "links", "keylog", "snaplen");
    public static final ObjectType EXPECT = ObjectType.of("expect",
            "text", "happens", "count", "interval", "span", "flow", "endpoint",
            "node", "peer", "reason", "where", "at", "within", "is", "every",
            "delivered", "throughput", "latency_p50", "latency_p90", "latency_p99", "latency_max",
            "rtt_p50", "rtt_p90", "rtt_p99", "rtt_max");

    public static final ObjectType TAILNET = ObjectType.of("tailnet", "control", "relays", "devices", "matrix");
    public static final ObjectType TAILNET_CONTROL = ObjectType.of("tailnet_control", "delay", "batch", "key_expiry");
    public static final ObjectType TAILNET_RELAY = ObjectType.of("tailnet_relay", "name", "region", "delay");
    public static final ObjectType TAILNET_DEVICE = ObjectType.of("tailnet_device",
            "name", "nat", "cgnat", "port_mapping", "delay", "home", "join", "alt", "count", "join_spread");
    public static final ObjectType TAILNET_ALT = ObjectType.of("tailnet_alt", "nat", "cgnat", "delay", "address");
    public static final ObjectType TAILNET_MATRIX = ObjectType.of("tailnet_matrix", "nats", "delay", "interval", "start");

    /** All object types, for the schema test. */
    public static final List<ObjectType> ALL = List.of(ROOT, SWEEP, SCENARIO, METRICS, TOPOLOGY, NODE, WIREGUARD, PEER, LINK,
            LINK_DIRECTION, DELAY, LOSS, NAT, PORT_MAPPING, EVENT, TRAFFIC, CAPTURE, EXPECT, TAILNET, TAILNET_CONTROL,
            TAILNET_RELAY, TAILNET_DEVICE, TAILNET_MATRIX, TAILNET_ALT);
}
