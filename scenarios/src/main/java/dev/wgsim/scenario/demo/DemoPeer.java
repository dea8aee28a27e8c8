package dev.wgsim.scenario.demo;

import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.wg.crypto.PublicKey;

/**
 * One row of wg0's table as the demo knows it beyond the device: which simulated node holds the
 * peer's private key (null for a pasted key) and the inner address it sends from.
 */
record DemoPeer(String name, PublicKey key, String host, IpAddress tunnelAddress) {

    /** Whether a simulated device holds this peer's private key, so it can send (Recv, Spoof, Roam, Forge). */
    boolean simulated() {
        return host != null && tunnelAddress != null;
    }

    /** This peer as an acting party; a DemoInputException naming {@code action} when it cannot act. */
    DemoPeer requireSimulated(String action) {
        if (!simulated()) {
            throw new DemoInputException("peer", action + " needs " + name + "'s own device, but its key was pasted: no"
                    + " simulated device holds the private key, so nothing can send as " + name);
        }
        return this;
    }
}
