package dev.wgsim.scenario.tailnet;

import dev.wgsim.wg.crypto.PublicKey;

/**
 * A device's connections to DERP regions, as magicsock uses them: send a packet to the client
 * holding node key {@code to} through region {@code region} (the home connection, or one opened
 * for that region), and hear packets from any region.
 */
interface RelayLink {
    void send(int region, PublicKey to, byte[] bytes);

    /**
     * The device re-authenticated with node key {@code key}: DERP knows clients by node key, so every
     * connection is closed and the home region dialled again under the new key.
     */
    default void rekey(PublicKey key) {
    }

    /** Where packets relayed to us go. */
    @FunctionalInterface
    interface Receiver {
        void onPacket(PublicKey from, byte[] bytes);
    }
}
