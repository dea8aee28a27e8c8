package dev.wgsim.scenario.tailnet;

import dev.wgsim.engine.net.Network;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.HashMap;
import java.util.Map;

/**
 * A test double for DERP: hands a packet to the device holding the destination key after a fixed
 * one-way delay, never losing or queueing. Only for tests of the wiring around it.
 */
final class InstantRelay implements Tailnet.RelayFactory {
    private final Network net;
    private final long oneWay;
    private final Map<PublicKey, RelayLink.Receiver> clients = new HashMap<>();
    long relayed;

    InstantRelay(Network net, long oneWay) {
        this.net = net;
        this.oneWay = oneWay;
    }

    @Override
    public RelayLink connect(Device device, RelayLink.Receiver receiver) {
        PublicKey me = device.control.nodeKey();
        clients.put(me, receiver);
        return (region, to, bytes) -> {
            relayed++;
            net.loop().scheduleAfter(oneWay, () -> {
                RelayLink.Receiver r = clients.get(to);
                if (r != null) {
                    r.onPacket(me, bytes);
                }
            });
        };
    }
}
