package dev.wgsim.scenario.tailnet;

import dev.wgsim.wg.crypto.PublicKey;

/**
 * A device's connections to DERP regions, as magicsock uses them: send a packet to the client
 * holding node key {@code to} through region {@code region} (the home connection, or one opened
 * for that region), and hear packets from any region.
 */
interface RelayLink {
    void send(int region, PublicKey to, byte[] bytes);

    /** Where packets relayed to us go. */
    @FunctionalInterface
    interface Receiver {
        void onPacket(PublicKey from, byte[] bytes);
    }
}
