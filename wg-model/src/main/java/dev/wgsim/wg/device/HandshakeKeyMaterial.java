package dev.wgsim.wg.device;

import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;

/**
 * The secrets a Wireshark keylog needs for one handshake message we created
 * (LOCAL_STATIC_PRIVATE_KEY, REMOTE_STATIC_PUBLIC_KEY, LOCAL_EPHEMERAL_PRIVATE_KEY, PRESHARED_KEY).
 */
public record HandshakeKeyMaterial(long atNanos, PrivateKey localStatic, PublicKey remoteStatic,
                                   PrivateKey localEphemeral, PresharedKey presharedKey) {}
