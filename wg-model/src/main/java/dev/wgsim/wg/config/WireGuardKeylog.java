package dev.wgsim.wg.config;

import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.Base64;

/**
 * Lines for Wireshark's {@code wg.keylog_file} preference ({@code epan/dissectors/packet-wireguard.c}):
 * {@code TYPE = base64}, one key per line. Wireshark links a {@code PRESHARED_KEY} line to the
 * {@code LOCAL_EPHEMERAL_PRIVATE_KEY} line just before it, so one handshake is written as one
 * block in this order: local static private, remote static public, local ephemeral private, PSK.
 * With the static private key and the ephemeral private key of one side, Wireshark decrypts that
 * handshake and the transport data of the session it creates.
 */
public final class WireGuardKeylog {

    private WireGuardKeylog() {
    }

    /**
     * The block for one handshake as seen by the node that generated {@code localEphemeral}.
     *
     * @param psk {@link PresharedKey#NONE} (or null) when none: the line is then written with
     *     zeros, which is what Wireshark tries anyway
     */
    public static String handshake(PrivateKey localStatic, PublicKey remoteStatic, byte[] localEphemeral,
            PresharedKey psk) {
        if (localEphemeral == null || localEphemeral.length != 32) {
            throw new IllegalArgumentException("ephemeral private key must be 32 bytes");
        }
        PresharedKey q = psk == null ? PresharedKey.NONE : psk;
        return "LOCAL_STATIC_PRIVATE_KEY = " + localStatic.toBase64() + "\n"
                + "REMOTE_STATIC_PUBLIC_KEY = " + remoteStatic.toBase64() + "\n"
                + "LOCAL_EPHEMERAL_PRIVATE_KEY = " + Base64.getEncoder().encodeToString(localEphemeral) + "\n"
                + "PRESHARED_KEY = " + q.toBase64() + "\n";
    }

    /** Same, with the ephemeral key as a {@link PrivateKey} value. */
    public static String handshake(PrivateKey localStatic, PublicKey remoteStatic, PrivateKey localEphemeral,
            PresharedKey psk) {
        return handshake(localStatic, remoteStatic, localEphemeral.bytes(), psk);
    }

    /** A static key pair alone (enough for Wireshark to verify mac1 and name the peers). */
    public static String staticKeys(PrivateKey localStatic, PublicKey remoteStatic) {
        return "LOCAL_STATIC_PRIVATE_KEY = " + localStatic.toBase64() + "\n"
                + "REMOTE_STATIC_PUBLIC_KEY = " + remoteStatic.toBase64() + "\n";
    }
}
