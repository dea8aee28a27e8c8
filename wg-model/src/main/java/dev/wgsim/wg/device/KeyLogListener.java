package dev.wgsim.wg.device;

/** Receives key material for keylogs; called synchronously whenever we create an initiation or response. */
@FunctionalInterface
public interface KeyLogListener {
    void handshakeKeys(HandshakeKeyMaterial material);
}
