package dev.wgsim.wg.noise;

/**
 * Transport keys derived at the end of a handshake (§3.5): send and receive keys, who initiated,
 * and both indices. The device wraps them into a keypair; it must not keep these arrays around.
 */
public record SessionKeys(byte[] sendKey, byte[] receiveKey, boolean isInitiator, int localIndex, int remoteIndex) {
}
