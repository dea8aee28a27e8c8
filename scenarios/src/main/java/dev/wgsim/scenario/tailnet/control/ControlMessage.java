package dev.wgsim.scenario.tailnet.control;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.List;

/** The messages between a client and the coordination server, one per stream message. */
public sealed interface ControlMessage {

    /**
     * Registration (tailcfg.RegisterRequest): the node key, the key it replaces on re-authentication
     * (null for a first login) and a pre-auth key.
     */
    record RegisterRequest(String hostname, PublicKey nodeKey, PublicKey oldNodeKey, String authKey)
            implements ControlMessage {}

    /** The answer: authorized with the node's addresses and key expiry, or refused with a reason. */
    record RegisterResponse(boolean authorized, String error, List<IpPrefix> addresses, long keyExpiry)
            implements ControlMessage {
        public RegisterResponse {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * The map poll (tailcfg.MapRequest): the client's keys, endpoints and home DERP. With
     * {@code stream} the server keeps the session and pushes deltas; a later request on the same
     * session with {@code stream} false is an endpoint update ("OmitPeers" lite).
     */
    record MapRequest(PublicKey nodeKey, PublicKey discoKey, List<Endpoint> endpoints, int homeDerp, boolean stream)
            implements ControlMessage {
        public MapRequest {
            endpoints = List.copyOf(endpoints);
        }
    }

    /** A small change to one peer (tailcfg.PeerChange): its endpoints and home DERP. */
    record PeerPatch(long nodeId, List<Endpoint> endpoints, int homeDerp) {
        public PeerPatch {
            endpoints = List.copyOf(endpoints);
        }
    }

    /**
     * A network map: the full map ({@code full}: self and every peer) or a delta (changed peers in
     * full, endpoint patches, removed peers by id). {@code self} may also ride on a delta when the node
     * itself changed (for instance its key expired). An empty delta is a keepalive.
     */
    record MapResponse(boolean full, Node self, List<Node> peers, List<Node> peersChanged,
                       List<PeerPatch> patches, List<Long> peersRemoved) implements ControlMessage {
        public MapResponse {
            peers = List.copyOf(peers);
            peersChanged = List.copyOf(peersChanged);
            patches = List.copyOf(patches);
            peersRemoved = List.copyOf(peersRemoved);
        }

        public boolean isKeepalive() {
            return !full && self == null && peersChanged.isEmpty() && patches.isEmpty() && peersRemoved.isEmpty();
        }
    }
}
