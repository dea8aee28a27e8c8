package dev.wgsim.engine.stream;

/**
 * A TLS 1.3 stream over TCP. Set-up is TCP's handshake (1 RTT) and TLS 1.3's full handshake
 * (1 RTT: ClientHello; ServerHello to server Finished; client Finished), carried as real TLS
 * record headers (RFC 8446 section 5.1) with zero-filled bodies of typical sizes; so the client
 * may send after 2 RTT and an application login on top (DERP's ServerKey/ClientInfo) brings it
 * to the research note's "about 3 RTT". Application records add RFC 8446's 22 bytes (5-byte
 * header, content type, 16-byte tag) per record of up to 16,384 bytes. Nothing is encrypted:
 * the model charges TLS's bytes and round trips, not its cryptography.
 *
 * @param clientHelloBytes size of the ClientHello record (a Go client with an X25519 share: about 250)
 * @param serverFlightBytes ServerHello, EncryptedExtensions, Certificate (a two-certificate ECDSA
 *     chain), CertificateVerify and Finished: about 2,500 bytes
 * @param clientFinishedBytes the client's ChangeCipherSpec and Finished: about 64 bytes
 */
public record StreamConfig(TcpConfig tcp, Framing framing, int clientHelloBytes, int serverFlightBytes, int clientFinishedBytes) {
    public static final int RECORD_HEADER = 5;
    /** Inner content type byte and the AEAD tag of a TLS 1.3 record. */
    public static final int RECORD_OVERHEAD = 17;
    public static final int MAX_RECORD_PLAINTEXT = 16_384;

    public StreamConfig {
        if (tcp == null || framing == null || clientHelloBytes <= RECORD_HEADER || serverFlightBytes <= RECORD_HEADER
                || clientFinishedBytes <= RECORD_HEADER) {
            throw new IllegalArgumentException("a stream needs TCP settings, a framing and handshake sizes over 5 bytes");
        }
    }

    /** TCP defaults, 4-byte length-prefixed messages up to 1 MiB, the typical handshake sizes above. */
    public static StreamConfig defaults() {
        return new StreamConfig(TcpConfig.DEFAULTS, Framing.lengthPrefixed(1 << 20), 250, 2_500, 64);
    }

    public StreamConfig withFraming(Framing f) {
        return new StreamConfig(tcp, f, clientHelloBytes, serverFlightBytes, clientFinishedBytes);
    }

    public StreamConfig withTcp(TcpConfig t) {
        return new StreamConfig(t, framing, clientHelloBytes, serverFlightBytes, clientFinishedBytes);
    }
}
