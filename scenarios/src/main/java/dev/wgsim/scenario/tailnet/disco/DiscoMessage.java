package dev.wgsim.scenario.tailnet.disco;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.IpAddress;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext inside a disco box: {@code type(1) version(1) payload}, as tailscale.com/disco
 * lays it out. Endpoints travel as 16-byte addresses (IPv4 mapped into IPv6) and a big-endian port.
 */
public sealed interface DiscoMessage {
    byte TYPE_PING = 0x01;
    byte TYPE_PONG = 0x02;
    byte TYPE_CALL_ME_MAYBE = 0x03;
    int ENDPOINT_LENGTH = 18;

    /** The plaintext bytes. */
    byte[] marshal();

    /**
     * A probe on one candidate path. {@code nodeKey} is the sender's WireGuard key (tying the disco
     * key to one node); {@code padding} zero bytes stand for the MTU probing Tailscale can add.
     */
    record Ping(TxId txId, PublicKey nodeKey, int padding) implements DiscoMessage {
        public Ping {
            if (padding < 0) {
                throw new IllegalArgumentException("padding must not be negative");
            }
        }

        @Override
        public byte[] marshal() {
            int len = 2 + TxId.LENGTH + (nodeKey != null ? 32 : 0) + padding;
            byte[] b = new byte[len];
            b[0] = TYPE_PING;
            txId.write(b, 2);
            if (nodeKey != null) {
                nodeKey.copyTo(b, 2 + TxId.LENGTH);
            }
            return b;
        }
    }

    /** The answer to a ping, telling the pinger the source address the ping arrived from. */
    record Pong(TxId txId, Endpoint src) implements DiscoMessage {
        @Override
        public byte[] marshal() {
            byte[] b = new byte[2 + TxId.LENGTH + ENDPOINT_LENGTH];
            b[0] = TYPE_PONG;
            txId.write(b, 2);
            writeEndpoint(src, b, 2 + TxId.LENGTH);
            return b;
        }
    }

    /** Sent over DERP only: "I have just pinged you from these endpoints of mine, so ping me back there". */
    record CallMeMaybe(List<Endpoint> myNumber) implements DiscoMessage {
        public CallMeMaybe {
            myNumber = List.copyOf(myNumber);
        }

        @Override
        public byte[] marshal() {
            byte[] b = new byte[2 + ENDPOINT_LENGTH * myNumber.size()];
            b[0] = TYPE_CALL_ME_MAYBE;
            for (int i = 0; i < myNumber.size(); i++) {
                writeEndpoint(myNumber.get(i), b, 2 + ENDPOINT_LENGTH * i);
            }
            return b;
        }
    }

    /** Why a decrypted plaintext is not a message. */
    enum ParseError { SHORT, UNKNOWN_TYPE }

    /** A parsed message or the reason there is none. */
    record Parsed(DiscoMessage message, ParseError error) {}

    /**
     * Parses a plaintext. Longer-than-needed messages are accepted (later versions may append
     * fields); a CallMeMaybe of the wrong length or version yields no endpoints, as Tailscale does.
     */
    static Parsed parse(byte[] p) {
        if (p.length < 2) {
            return new Parsed(null, ParseError.SHORT);
        }
        byte type = p[0];
        int version = p[1] & 0xff;
        int n = p.length - 2;
        switch (type) {
            case TYPE_PING -> {
                if (n < TxId.LENGTH) {
                    return new Parsed(null, ParseError.SHORT);
                }
                PublicKey key = null;
                if (n >= TxId.LENGTH + 32) {
                    byte[] k = new byte[32];
                    System.arraycopy(p, 2 + TxId.LENGTH, k, 0, 32);
                    key = PublicKey.of(k);
                }
                int padding = Math.max(0, n - TxId.LENGTH - (key != null ? 32 : 0));
                return new Parsed(new Ping(TxId.read(p, 2), key, padding), null);
            }
            case TYPE_PONG -> {
                if (n < TxId.LENGTH + ENDPOINT_LENGTH) {
                    return new Parsed(null, ParseError.SHORT);
                }
                return new Parsed(new Pong(TxId.read(p, 2), readEndpoint(p, 2 + TxId.LENGTH)), null);
            }
            case TYPE_CALL_ME_MAYBE -> {
                List<Endpoint> eps = new ArrayList<>();
                if (n > 0 && n % ENDPOINT_LENGTH == 0 && version == 0) {
                    for (int off = 2; off < p.length; off += ENDPOINT_LENGTH) {
                        eps.add(readEndpoint(p, off));
                    }
                }
                return new Parsed(new CallMeMaybe(eps), null);
            }
            default -> {
                return new Parsed(null, ParseError.UNKNOWN_TYPE);
            }
        }
    }

    private static void writeEndpoint(Endpoint e, byte[] b, int off) {
        byte[] a = e.address().toBytes();
        if (a.length == 4) {
            b[off + 10] = (byte) 0xff;
            b[off + 11] = (byte) 0xff;
            System.arraycopy(a, 0, b, off + 12, 4);
        } else {
            System.arraycopy(a, 0, b, off, 16);
        }
        b[off + 16] = (byte) (e.port() >>> 8);
        b[off + 17] = (byte) e.port();
    }

    private static Endpoint readEndpoint(byte[] b, int off) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[off + i] == 0;
        }
        mapped &= b[off + 10] == (byte) 0xff && b[off + 11] == (byte) 0xff;
        byte[] a = java.util.Arrays.copyOfRange(b, off + (mapped ? 12 : 0), off + 16);
        int port = (b[off + 16] & 0xff) << 8 | (b[off + 17] & 0xff);
        return new Endpoint(IpAddress.fromBytes(a), port);
    }
}
