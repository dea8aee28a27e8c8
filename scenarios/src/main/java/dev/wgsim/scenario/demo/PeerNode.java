package dev.wgsim.scenario.demo;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.InterfaceAddress;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.scenario.model.Defaults;
import dev.wgsim.scenario.model.DelaySpec;
import dev.wgsim.scenario.model.Key32;
import dev.wgsim.scenario.model.LinkDirectionSpec;
import dev.wgsim.scenario.model.LinkSpec;
import dev.wgsim.scenario.model.LossSpec;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.model.TimerSpec;
import dev.wgsim.scenario.model.WireGuardSpec;
import java.util.List;
import java.util.Optional;

/**
 * The far side of a peer added from the page with a generated key, as the simulation's typed specs:
 * a node of its own holding the key, whose interface (named as wg0's, in wg0's subnet) has wg0's
 * node as its one peer, on a 10 ms link to the router wg0's node uses. It is what makes Recv
 * possible for such a peer (wg0 only ever sees its datagrams, as in life).
 */
final class PeerNode {
    /** The link to wg0's router: one way, 10 ms. */
    static final long LINK_DELAY_NANOS = 10_000_000L;

    private PeerNode() {
    }

    /**
     * @param outer    the node's outer address
     * @param port     its listen port
     * @param inner    the inner address it sends from
     * @param wg0      wg0's interface
     * @param wg0At    wg0's endpoint (the node's peer's endpoint)
     */
    static NodeSpec node(String name, Key32 privateKey, IpAddress outer, int port, IpAddress inner, String wgNode,
                         WireGuardSpec wg0, Endpoint wg0At) {
        InterfaceAddress wgPrefix = wg0.addresses().get(0);
        PeerSpec toWg = new PeerSpec(wgNode, Optional.of(wgNode), Optional.empty(), List.of(wgPrefix.subnet()),
                Optional.of(wg0At), Optional.empty(), 0);
        WireGuardSpec w = new WireGuardSpec(wg0.interfaceName(), privateKey, false, port,
                List.of(new InterfaceAddress(inner, wgPrefix.prefixLength())), List.of(), List.of(toWg), TimerSpec.DEFAULTS,
                Optional.empty());
        return new NodeSpec(name, List.of(outer), false, Optional.of(w));
    }

    /** The node's link to {@code router}. */
    static LinkSpec link(String name, String router) {
        LinkDirectionSpec tenMs = new LinkDirectionSpec(new DelaySpec.Fixed(LINK_DELAY_NANOS), 0, 0,
                Defaults.LINK_QUEUE_PACKETS, new LossSpec.Bernoulli(0), 0, 0, Defaults.LINK_MTU);
        return new LinkSpec("demo-" + name, name, router, tenMs, tenMs, true);
    }
}
