package dev.wgsim.scenario.tailnet.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.scenario.tailnet.control.ControlMessage.MapRequest;
import dev.wgsim.scenario.tailnet.control.ControlMessage.MapResponse;
import dev.wgsim.scenario.tailnet.control.ControlMessage.PeerPatch;
import dev.wgsim.scenario.tailnet.control.ControlMessage.RegisterRequest;
import dev.wgsim.scenario.tailnet.control.ControlMessage.RegisterResponse;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Control messages as JSON, the encoding tailcfg uses (field names after tailcfg's: NodeKey,
 * DiscoKey, Endpoints, DERP, PeersChanged, PeersChangedPatch, PeersRemoved; keys as "nodekey:" /
 * "discokey:" + hex), so stream sizes grow with the map as the real ones do: a full map is O(peers),
 * a patch a few dozen bytes. A message that does not decode is {@code null}: the caller drops it.
 */
public final class ControlCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private ControlCodec() {}

    public static byte[] encode(ControlMessage m) {
        ObjectNode o = JSON.createObjectNode();
        if (m instanceof RegisterRequest r) {
            o.put("Type", "RegisterRequest");
            o.put("Hostname", r.hostname());
            o.put("NodeKey", key("nodekey:", r.nodeKey()));
            if (r.oldNodeKey() != null) {
                o.put("OldNodeKey", key("nodekey:", r.oldNodeKey()));
            }
            o.put("AuthKey", r.authKey());
        } else if (m instanceof RegisterResponse r) {
            o.put("Type", "RegisterResponse");
            o.put("MachineAuthorized", r.authorized());
            if (r.error() != null) {
                o.put("Error", r.error());
            }
            prefixes(o.putArray("Addresses"), r.addresses());
            o.put("KeyExpiry", r.keyExpiry());
        } else if (m instanceof MapRequest r) {
            o.put("Type", "MapRequest");
            o.put("NodeKey", key("nodekey:", r.nodeKey()));
            o.put("DiscoKey", key("discokey:", r.discoKey()));
            endpoints(o.putArray("Endpoints"), r.endpoints());
            o.put("DERP", r.homeDerp());
            o.put("Stream", r.stream());
        } else if (m instanceof MapResponse r) {
            o.put("Type", "MapResponse");
            if (r.full()) {
                o.put("Full", true);
            }
            if (r.self() != null) {
                node(o.putObject("Node"), r.self());
            }
            if (!r.peers().isEmpty() || r.full()) {
                ArrayNode a = o.putArray("Peers");
                r.peers().forEach(n -> node(a.addObject(), n));
            }
            if (!r.peersChanged().isEmpty()) {
                ArrayNode a = o.putArray("PeersChanged");
                r.peersChanged().forEach(n -> node(a.addObject(), n));
            }
            if (!r.patches().isEmpty()) {
                ArrayNode a = o.putArray("PeersChangedPatch");
                for (PeerPatch p : r.patches()) {
                    ObjectNode x = a.addObject();
                    x.put("NodeID", p.nodeId());
                    endpoints(x.putArray("Endpoints"), p.endpoints());
                    x.put("DERPRegion", p.homeDerp());
                }
            }
            if (!r.peersRemoved().isEmpty()) {
                ArrayNode a = o.putArray("PeersRemoved");
                r.peersRemoved().forEach(a::add);
            }
        }
        try {
            return JSON.writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    /** The message in {@code bytes}, or null when they are not one (bad JSON, missing or bad fields). */
    public static ControlMessage decode(byte[] bytes) {
        return decode(bytes, null);
    }

    /**
     * {@link #decode(byte[])} with the map's nodes and endpoint lists made canonical through {@code in}
     * (null: none), so that devices of one simulation share equal values instead of copying them.
     */
    public static ControlMessage decode(byte[] bytes, NetmapInterner in) {
        try {
            JsonNode o = JSON.readTree(bytes);
            if (o == null || !o.isObject()) {
                return null;
            }
            return switch (o.path("Type").asText("")) {
                case "RegisterRequest" -> new RegisterRequest(text(o, "Hostname"), key(o, "NodeKey", "nodekey:"),
                        o.has("OldNodeKey") ? key(o, "OldNodeKey", "nodekey:") : null, o.path("AuthKey").asText(null));
                case "RegisterResponse" -> new RegisterResponse(o.path("MachineAuthorized").asBoolean(false),
                        o.has("Error") ? o.get("Error").asText() : null, prefixes(o.path("Addresses")), o.path("KeyExpiry").asLong());
                case "MapRequest" -> new MapRequest(key(o, "NodeKey", "nodekey:"), key(o, "DiscoKey", "discokey:"),
                        endpoints(o.path("Endpoints")), o.path("DERP").asInt(0), o.path("Stream").asBoolean(false));
                case "MapResponse" -> mapResponse(o, in);
                default -> null;
            };
        } catch (java.io.IOException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static MapResponse mapResponse(JsonNode o, NetmapInterner in) {
        List<Node> peers = new ArrayList<>();
        o.path("Peers").forEach(n -> peers.add(in == null ? node(n) : in.node(node(n))));
        List<Node> changed = new ArrayList<>();
        o.path("PeersChanged").forEach(n -> changed.add(in == null ? node(n) : in.node(node(n))));
        List<PeerPatch> patches = new ArrayList<>();
        o.path("PeersChangedPatch").forEach(p -> patches.add(new PeerPatch(p.path("NodeID").asLong(),
                in == null ? endpoints(p.path("Endpoints")) : in.list(endpoints(p.path("Endpoints"))),
                p.path("DERPRegion").asInt(0))));
        List<Long> removed = new ArrayList<>();
        o.path("PeersRemoved").forEach(n -> removed.add(n.asLong()));
        return new MapResponse(o.path("Full").asBoolean(false), o.has("Node") ? node(o.get("Node")) : null, peers, changed,
                patches, removed);
    }

    private static void node(ObjectNode x, Node n) {
        x.put("ID", n.id());
        x.put("Name", n.name());
        x.put("Key", key("nodekey:", n.nodeKey()));
        if (n.discoKey() != null) {
            x.put("DiscoKey", key("discokey:", n.discoKey()));
        }
        prefixes(x.putArray("Addresses"), n.addresses());
        prefixes(x.putArray("AllowedIPs"), n.allowedIps());
        endpoints(x.putArray("Endpoints"), n.endpoints());
        x.put("HomeDERP", n.homeDerp());
        x.put("KeyExpiry", n.keyExpiry());
        if (n.expired()) {
            x.put("Expired", true);
        }
    }

    private static Node node(JsonNode x) {
        return new Node(x.path("ID").asLong(), text(x, "Name"), key(x, "Key", "nodekey:"),
                x.has("DiscoKey") ? key(x, "DiscoKey", "discokey:") : null, prefixes(x.path("Addresses")),
                prefixes(x.path("AllowedIPs")), endpoints(x.path("Endpoints")), x.path("HomeDERP").asInt(0),
                x.path("KeyExpiry").asLong(Node.NEVER), x.path("Expired").asBoolean(false));
    }

    private static String key(String prefix, PublicKey k) {
        return prefix + HEX.formatHex(k.bytes());
    }

    private static PublicKey key(JsonNode o, String field, String prefix) {
        String s = text(o, field);
        if (!s.startsWith(prefix)) {
            throw new IllegalArgumentException(field + " lacks " + prefix);
        }
        return PublicKey.of(HEX.parseHex(s.substring(prefix.length())));
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return n.asText();
    }

    private static void prefixes(ArrayNode a, List<IpPrefix> ps) {
        ps.forEach(p -> a.add(p.toString()));
    }

    private static List<IpPrefix> prefixes(JsonNode a) {
        List<IpPrefix> out = new ArrayList<>();
        a.forEach(n -> out.add(IpPrefix.parse(n.asText())));
        return out;
    }

    private static void endpoints(ArrayNode a, List<Endpoint> es) {
        es.forEach(e -> a.add(e.toString()));
    }

    private static List<Endpoint> endpoints(JsonNode a) {
        List<Endpoint> out = new ArrayList<>();
        a.forEach(n -> out.add(Endpoint.parse(n.asText())));
        return out;
    }
}
