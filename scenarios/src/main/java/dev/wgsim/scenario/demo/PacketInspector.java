package dev.wgsim.scenario.demo;

import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.wg.crypto.Blake2s;
import dev.wgsim.wg.crypto.ChaChaPoly;
import dev.wgsim.wg.crypto.Kdf;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.crypto.X25519;
import dev.wgsim.wg.device.HandshakeKeyMaterial;
import dev.wgsim.wg.noise.MessageInitiation;
import dev.wgsim.wg.noise.MessageResponse;
import dev.wgsim.wg.noise.NoiseConstants;
import dev.wgsim.wg.noise.Symmetric;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Opens one captured datagram of wg0's the way Wireshark does with a keylog: the outer IP/UDP
 * header, the WireGuard message's fields at their wire offsets, and every encrypted part opened
 * with keys rebuilt from the handshake messages actually captured plus wg0's own secrets (its
 * static private key and the ephemeral private keys from the device's {@link HandshakeKeyMaterial}).
 * Each derivation step is computed with wg-model's primitives (X25519, the KDF chain, BLAKE2s,
 * ChaCha20-Poly1305) on the real bytes; an AEAD that opens proves the step right, so nothing here
 * is a parallel model of the device. Private keys never appear in the result.
 */
final class PacketInspector {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] EMPTY = new byte[0];
    private static final int TYPE_INITIATION = 1;
    private static final int TYPE_RESPONSE = 2;
    private static final int TYPE_COOKIE = 3;
    private static final int TYPE_TRANSPORT = 4;

    /** One field at its wire offset; encrypted fields also carry what they open to. */
    record Field(String name, int offset, int length, String hex, String value, String plaintextHex, String plaintext,
                 String explain) {}

    /** One step of the Noise_IKpsk2 key schedule: what went in and the (shortened) result. */
    record Step(String message, String kind, String label, String inputs, String result) {}

    /** The decrypted inner IP packet of a transport message. */
    record Inner(String source, String destination, String protocol, Integer sourcePort, Integer destinationPort,
                 String payloadText, String hex) {}

    /**
     * The whole inspection. {@code type} is initiation, response, cookie, transport, keepalive or
     * other; {@code peer} the row it belongs to when known; {@code steps} the key schedule of the
     * handshake this message belongs to (empty for transport).
     */
    record Inspection(int index, long timeNanos, String direction, String peer, String outerSource,
                      String outerDestination, int length, String type, String summary, List<Field> fields,
                      List<Step> steps, Inner inner, String sessionNote) {}

    /** Transport keys of one session, per receiver index as it appears on the wire. */
    private record Session(String peer, byte[] key, String label, int handshakeIndex) {}

    /** A handshake after its initiation: the chain so far. */
    private static final class Pending {
        byte[] c;
        byte[] h;
        PublicKey initiatorStatic;
        PublicKey responderStatic;
        byte[] initiatorEphemeral;
        PrivateKey wgEphemeral; // when wg0 initiated
        boolean wgInitiated;
        String peer;
        int initiationIndex;
        Opened openedStatic;
        Opened openedTimestamp;
        Opened openedEmpty;
        final List<Step> steps = new ArrayList<>();
    }

    private final PrivateKey wgStatic;
    private final PublicKey wgPublic;
    private final List<HandshakeKeyMaterial> keys;
    private final Function<PublicKey, String> names;
    private final long epochUnixNanos;
    private final java.util.Set<String> wgEndpoints = new java.util.HashSet<>();

    PacketInspector(PrivateKey wgStatic, List<HandshakeKeyMaterial> keys, Function<PublicKey, String> names,
                    long epochUnixNanos) {
        this.wgStatic = wgStatic;
        this.wgPublic = wgStatic.publicKey();
        this.keys = keys;
        this.names = names;
        this.epochUnixNanos = epochUnixNanos;
    }

    /** Every handshake of a capture, replayed once: the handshakes by message index and the sessions by receiver index. */
    private record Replay(Map<Integer, Pending> done, Map<Integer, Session> toWg, Map<Integer, Session> fromWg) {}

    /** Inspects {@code target}, replaying the handshakes among {@code packets} (oldest first). */
    Inspection inspect(List<DemoCapture.Captured> packets, DemoCapture.Captured target) {
        return open(replay(packets), target);
    }

    /**
     * The newest of the last {@code window} {@code packets} that is a data or keepalive message wg0
     * received from {@code peer} and that opens with that peer's session key; null when there is none.
     */
    DemoCapture.Captured latestDataFrom(List<DemoCapture.Captured> packets, String peer, int window) {
        Replay r = replay(packets);
        for (int i = packets.size() - 1; i >= Math.max(0, packets.size() - window); i--) {
            Inspection x = open(r, packets.get(i));
            if (x.direction().equals("received by wg0") && x.type().equals("transport") && peer.equals(x.peer())) {
                return packets.get(i);
            }
        }
        return null;
    }

    private Replay replay(List<DemoCapture.Captured> packets) {
        Map<Integer, Pending> pending = new HashMap<>();
        Map<Integer, Pending> done = new HashMap<>();
        Map<Integer, Session> toWg = new HashMap<>();
        Map<Integer, Session> fromWg = new HashMap<>();
        // Every captured handshake, also those after the target: an initiation's diagram ends in its response.
        for (DemoCapture.Captured c : packets) {
            IpPacket p = IpPacket.decode(c.bytes()).packet();
            if (p == null || !p.isUdp()) {
                continue;
            }
            byte[] d = p.payload();
            boolean outgoing = isWg(p, true);
            if (type(d) == TYPE_INITIATION && d.length == MessageInitiation.SIZE) {
                Pending hs = initiation(d, outgoing, c.index());
                if (hs != null) {
                    pending.put(le32(d, 4), hs);
                }
            } else if (type(d) == TYPE_RESPONSE && d.length == MessageResponse.SIZE) {
                Pending hs = pending.get(le32(d, 8));
                if (hs != null && response(d, outgoing, hs)) {
                    done.put(c.index(), hs);
                    done.put(hs.initiationIndex, hs);
                    byte[][] t = Kdf.kdf2(hs.c, EMPTY);
                    int initiatorIndex = le32(d, 8);
                    int responderIndex = le32(d, 4);
                    hs.steps.add(new Step("transport", "kdf", "T₁, T₂ = KDF₂(C, ε)", "the final chaining key",
                            "T₁ (initiator→responder) " + shortHex(t[0]) + ", T₂ (responder→initiator) " + shortHex(t[1])));
                    if (hs.wgInitiated) {
                        fromWg.put(responderIndex, new Session(hs.peer, t[0], "T₁, wg0's sending key", c.index()));
                        toWg.put(initiatorIndex, new Session(hs.peer, t[1], "T₂, wg0's receiving key", c.index()));
                    } else {
                        toWg.put(responderIndex, new Session(hs.peer, t[0], "T₁, wg0's receiving key", c.index()));
                        fromWg.put(initiatorIndex, new Session(hs.peer, t[1], "T₂, wg0's sending key", c.index()));
                    }
                }
            }
        }
        return new Replay(done, toWg, fromWg);
    }

    private Inspection open(Replay replayed, DemoCapture.Captured target) {
        IpPacket outer = IpPacket.decode(target.bytes()).packet();
        if (outer == null || !outer.isUdp()) {
            return new Inspection(target.index(), target.timeNanos(), "", "", "", "", target.bytes().length, "other",
                    "not a UDP datagram", List.of(), List.of(), null, null);
        }
        Map<Integer, Pending> done = replayed.done();
        Map<Integer, Session> toWg = replayed.toWg();
        Map<Integer, Session> fromWg = replayed.fromWg();
        byte[] d = outer.payload();
        boolean outgoing = isWg(outer, true);
        String direction = outgoing ? "sent by wg0" : isWg(outer, false) ? "received by wg0" : "passing";
        String src = outer.sourceEndpoint().toString();
        String dst = outer.destinationEndpoint().toString();
        int type = type(d);
        List<Field> fields = new ArrayList<>();
        if (type == TYPE_INITIATION && d.length == MessageInitiation.SIZE) {
            Pending hs = done.getOrDefault(target.index(), null);
            Pending replay = hs != null ? hs : initiation(d, outgoing, target.index());
            fields.add(field(d, "type", 0, 4, "1 = handshake initiation", "message type and three reserved zero bytes"));
            fields.add(field(d, "sender index", 4, 4, Integer.toUnsignedString(le32(d, 4)),
                    "the initiator's name for this handshake; the response and the responder's packets carry it back"));
            fields.add(field(d, "unencrypted ephemeral", 8, 32, "Eᵢ (public)", "a fresh Curve25519 key for this handshake only"));
            Opened st = replay == null ? null : replay.openedStatic;
            Opened ts = replay == null ? null : replay.openedTimestamp;
            fields.add(encrypted(d, "encrypted static", 40, 48, st, "the initiator's static public key, sealed so only the responder can read who is calling"));
            fields.add(encrypted(d, "encrypted timestamp", 88, 28, ts, "TAI64N time: a replayed initiation is older and is refused"));
            fields.add(mac(d, "mac1", 116, 16, mac1Ok(d, 116, outgoing ? responderKeyOf(replay) : wgPublic),
                    "BLAKE2s MAC keyed with the receiver's public key: cheap proof the sender knows whom it calls"));
            fields.add(mac2(d, 132));
            String peer = replay == null ? "" : replay.peer;
            return new Inspection(target.index(), target.timeNanos(), direction, peer, src, dst, d.length, "initiation",
                    "handshake initiation (message 1 of 2), " + d.length + " bytes", fields,
                    replay == null ? List.of() : List.copyOf(replay.steps), null, replay == null
                            ? "wg0 holds no key that opens this initiation" : null);
        }
        if (type == TYPE_RESPONSE && d.length == MessageResponse.SIZE) {
            Pending hs = done.get(target.index());
            fields.add(field(d, "type", 0, 4, "2 = handshake response", "message type and three reserved zero bytes"));
            fields.add(field(d, "sender index", 4, 4, Integer.toUnsignedString(le32(d, 4)), "the responder's name for the session"));
            fields.add(field(d, "receiver index", 8, 4, Integer.toUnsignedString(le32(d, 8)), "the initiator's sender index, echoed"));
            fields.add(field(d, "unencrypted ephemeral", 12, 32, "Eᵣ (public)", "the responder's fresh Curve25519 key"));
            fields.add(encrypted(d, "encrypted nothing", 44, 16, hs == null ? null : hs.openedEmpty,
                    "an empty payload's Poly1305 tag: it opens only if both sides derived the same keys, psk included"));
            fields.add(mac(d, "mac1", 60, 16, mac1Ok(d, 60, outgoing ? initiatorKeyOf(hs) : wgPublic),
                    "BLAKE2s MAC keyed with the receiver's public key"));
            fields.add(mac2(d, 76));
            return new Inspection(target.index(), target.timeNanos(), direction, hs == null ? "" : hs.peer, src, dst,
                    d.length, "response", "handshake response (message 2 of 2), " + d.length + " bytes", fields,
                    hs == null ? List.of() : List.copyOf(hs.steps), null,
                    hs == null ? "no captured initiation matches this response's receiver index" : null);
        }
        if (type == TYPE_TRANSPORT && d.length >= 32) {
            int receiver = le32(d, 4);
            long counter = le64(d, 8);
            Session s = (outgoing ? fromWg : toWg).get(receiver);
            byte[] plain = null;
            if (s != null) {
                byte[] out = new byte[d.length - 32];
                if (ChaChaPoly.open(s.key, counter, d, 16, d.length - 16, EMPTY, out, 0)) {
                    plain = out;
                }
            }
            fields.add(field(d, "type", 0, 4, "4 = transport data", "message type and three reserved zero bytes"));
            fields.add(field(d, "receiver index", 4, 4, Integer.toUnsignedString(receiver),
                    "the index the receiver chose in the handshake: it finds the session (and key) without trying each peer"));
            fields.add(field(d, "counter", 8, 8, Long.toUnsignedString(counter),
                    "the nonce: one more per packet on this session; the receiver refuses a counter it has seen"));
            String pHex = plain == null ? null : HEX.formatHex(plain);
            String pText = plain == null ? null : plain.length == 0 ? "nothing: a keepalive" : innerSummary(plain);
            fields.add(new Field("encrypted packet", 16, d.length - 32, HEX.formatHex(d, 16, d.length - 16),
                    (d.length - 32) + " bytes", pHex, pText,
                    "the inner IP packet, padded to a multiple of 16 and sealed with ChaCha20-Poly1305 under the session key"));
            fields.add(field(d, "Poly1305 tag", d.length - 16, 16, "authentication tag",
                    "any change to the packet makes the tag fail: the receiver drops it unread"));
            Inner inner = plain == null || plain.length == 0 ? null : inner(plain);
            String note = s == null ? "no captured handshake gives this receiver index a key"
                    : plain == null ? "the session key (" + s.label + ") does not open this packet: it was forged or altered"
                    : "opened with " + s.label + " from the handshake at capture #" + s.handshakeIndex;
            return new Inspection(target.index(), target.timeNanos(), direction, s == null ? "" : s.peer, src, dst, d.length,
                    plain != null && plain.length == 0 ? "keepalive" : "transport",
                    (plain != null && plain.length == 0 ? "keepalive (empty transport message), " : "transport data, ")
                            + d.length + " bytes", fields, List.of(), inner, note);
        }
        if (type == TYPE_COOKIE && d.length == 64) {
            fields.add(field(d, "type", 0, 4, "3 = cookie reply", "sent instead of a response while under load"));
            fields.add(field(d, "receiver index", 4, 4, Integer.toUnsignedString(le32(d, 4)), "the initiator's sender index"));
            fields.add(field(d, "nonce", 8, 24, "XChaCha20 nonce", "random"));
            fields.add(field(d, "encrypted cookie", 32, 32, "sealed cookie", "retry with this cookie as mac2's key"));
            return new Inspection(target.index(), target.timeNanos(), direction, "", src, dst, d.length, "cookie",
                    "cookie reply, 64 bytes", fields, List.of(), null, null);
        }
        return new Inspection(target.index(), target.timeNanos(), direction, "", src, dst, d.length, "other",
                "not a WireGuard message (" + d.length + " bytes)", List.of(
                        new Field("payload", 0, d.length, HEX.formatHex(d), d.length + " bytes", null, null,
                                "wg0 drops what is not a well-formed message of a known type")), List.of(), null, null);
    }

    // ------------------------------------------------------------------ the key schedule

    private record Opened(byte[] plaintext, String meaning) {}

    private Pending initiation(byte[] d, boolean wgSent, int index) {
        Pending hs = new Pending();
        hs.initiationIndex = index;
        byte[] epub = Arrays.copyOfRange(d, 8, 40);
        hs.initiatorEphemeral = epub;
        PrivateKey eph = null;
        if (wgSent) {
            HandshakeKeyMaterial m = materialFor(epub);
            if (m == null) {
                return null;
            }
            eph = m.localEphemeral();
            hs.wgInitiated = true;
            hs.wgEphemeral = eph;
            hs.initiatorStatic = wgPublic;
            hs.responderStatic = m.remoteStatic();
        } else {
            hs.responderStatic = wgPublic;
        }
        byte[] c = NoiseConstants.initialChainKey();
        byte[] h = NoiseConstants.initialHash();
        hs.steps.add(new Step("initiation", "init", "C, H", "HASH(\"Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s\")",
                "C " + shortHex(c) + "; H mixes the responder's static public key"));
        Symmetric.mixHash(h, hs.responderStatic.bytes());
        Symmetric.mixKey(c, epub);
        Symmetric.mixHash(h, epub);
        hs.steps.add(new Step("initiation", "mix", "C = KDF₁(C, Eᵢ)", "the initiator's ephemeral public key", "C " + shortHex(c)));
        byte[] es = new byte[32];
        boolean ok = wgSent ? X25519.agree(eph, hs.responderStatic, es) : X25519.agree(wgStatic.bytes(), epub, es);
        if (!ok) {
            return null;
        }
        byte[] k = Symmetric.mixKeyAndGetKey(c, es);
        hs.steps.add(new Step("initiation", "dh", "es = DH(Eᵢ, Sᵣ)", wgSent
                ? "wg0's ephemeral private key × the responder's static public key"
                : "wg0's static private key × the initiator's ephemeral public key",
                "es " + shortHex(es) + " → C " + shortHex(c) + ", k " + shortHex(k) + " opens the encrypted static"));
        byte[] stat = new byte[32];
        if (!ChaChaPoly.open(k, 0, d, 40, 48, h, stat, 0)) {
            return null;
        }
        hs.initiatorStatic = PublicKey.of(stat);
        hs.peer = wgSent ? names.apply(hs.responderStatic) : names.apply(hs.initiatorStatic);
        hs.openedStatic = new Opened(stat, (wgSent ? "wg0" : hs.peer) + "'s static public key " + hs.initiatorStatic.toBase64());
        Symmetric.mixHash(h, d, 40, 48);
        byte[] ss = new byte[32];
        ok = wgSent ? X25519.agree(wgStatic, hs.responderStatic, ss) : X25519.agree(wgStatic, hs.initiatorStatic, ss);
        if (!ok) {
            return null;
        }
        k = Symmetric.mixKeyAndGetKey(c, ss);
        hs.steps.add(new Step("initiation", "dh", "ss = DH(Sᵢ, Sᵣ)", "the two static keys (the same value from either side)",
                "ss " + shortHex(ss) + " → C " + shortHex(c) + ", k " + shortHex(k) + " opens the timestamp"));
        byte[] ts = new byte[12];
        if (!ChaChaPoly.open(k, 0, d, 88, 28, h, ts, 0)) {
            return null;
        }
        hs.openedTimestamp = new Opened(ts, tai64n(ts));
        Symmetric.mixHash(h, d, 88, 28);
        hs.c = c;
        hs.h = h;
        return hs;
    }

    private boolean response(byte[] d, boolean wgSent, Pending hs) {
        byte[] c = hs.c.clone();
        byte[] h = hs.h.clone();
        byte[] epub = Arrays.copyOfRange(d, 12, 44);
        PresharedKey psk;
        PrivateKey eph = null;
        if (wgSent) {
            HandshakeKeyMaterial m = materialFor(epub);
            if (m == null || hs.wgInitiated) {
                return false;
            }
            eph = m.localEphemeral();
            psk = m.presharedKey();
        } else {
            if (!hs.wgInitiated) {
                return false;
            }
            HandshakeKeyMaterial m = materialFor(hs.initiatorEphemeral);
            psk = m == null ? PresharedKey.NONE : m.presharedKey();
        }
        Symmetric.mixKey(c, epub);
        Symmetric.mixHash(h, epub);
        hs.steps.add(new Step("response", "mix", "C = KDF₁(C, Eᵣ)", "the responder's ephemeral public key", "C " + shortHex(c)));
        byte[] ee = new byte[32];
        boolean ok = wgSent ? X25519.agree(eph.bytes(), hs.initiatorEphemeral, ee) : X25519.agree(hs.wgEphemeral.bytes(), epub, ee);
        if (!ok) {
            return false;
        }
        Symmetric.mixKey(c, ee);
        hs.steps.add(new Step("response", "dh", "ee = DH(Eᵣ, Eᵢ)", "the two ephemeral keys: forward secrecy",
                "ee " + shortHex(ee) + " → C " + shortHex(c)));
        byte[] se = new byte[32];
        ok = wgSent ? X25519.agree(eph, hs.initiatorStatic, se) : X25519.agree(wgStatic.bytes(), epub, se);
        if (!ok) {
            return false;
        }
        Symmetric.mixKey(c, se);
        hs.steps.add(new Step("response", "dh", "se = DH(Eᵣ, Sᵢ)", "the responder's ephemeral × the initiator's static key",
                "se " + shortHex(se) + " → C " + shortHex(c)));
        byte[][] t = Kdf.kdf3(c, (psk == null ? PresharedKey.NONE : psk).bytes());
        System.arraycopy(t[0], 0, c, 0, 32);
        Symmetric.mixHash(h, t[1]);
        boolean none = psk == null || psk.isNone();
        hs.steps.add(new Step("response", "psk", "C, τ, k = KDF₃(C, Q)", none ? "the preshared key Q (none here: 32 zero bytes)"
                : "the preshared key Q", "C " + shortHex(c) + ", k " + shortHex(t[2]) + " opens the empty field"));
        if (!ChaChaPoly.open(t[2], 0, d, 44, 16, h, EMPTY, 0)) {
            return false;
        }
        hs.openedEmpty = new Opened(EMPTY, "nothing, and the tag verifies: both sides hold the same chaining key");
        Symmetric.mixHash(h, d, 44, 16);
        hs.c = c;
        hs.h = h;
        return true;
    }

    private HandshakeKeyMaterial materialFor(byte[] ephemeralPublic) {
        for (HandshakeKeyMaterial m : keys) {
            if (Arrays.equals(m.localEphemeral().publicKey().bytes(), ephemeralPublic)) {
                return m;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ fields

    private boolean isWg(IpPacket p, boolean asSource) {
        return asSource ? wgEndpoints.contains(p.sourceEndpoint().toString())
                : wgEndpoints.contains(p.destinationEndpoint().toString());
    }

    /** wg0's outer address:port (it may change when wg0's host roams; every one it had counts). */
    PacketInspector wgAt(String endpoint) {
        wgEndpoints.add(endpoint);
        return this;
    }

    private static Field field(byte[] d, String name, int off, int len, String value, String explain) {
        return new Field(name, off, len, HEX.formatHex(d, off, off + len), value, null, null, explain);
    }

    private static Field encrypted(byte[] d, String name, int off, int len, Opened o, String explain) {
        return new Field(name, off, len, HEX.formatHex(d, off, off + len), len + " bytes (" + (len - 16)
                + " sealed + 16-byte tag)", o == null ? null : HEX.formatHex(o.plaintext()), o == null ? null : o.meaning(), explain);
    }

    private static Field mac(byte[] d, String name, int off, int len, Boolean ok, String explain) {
        return new Field(name, off, len, HEX.formatHex(d, off, off + len),
                ok == null ? "not checked" : ok ? "valid" : "does not verify", null, null, explain);
    }

    private static Field mac2(byte[] d, int off) {
        boolean zero = true;
        for (int i = off; i < off + 16; i++) {
            zero &= d[i] == 0;
        }
        return new Field("mac2", off, 16, HEX.formatHex(d, off, off + 16), zero ? "zeros: no cookie" : "keyed with a cookie",
                null, null, "filled only after the receiver, under load, answered with a cookie reply");
    }

    private static Boolean mac1Ok(byte[] d, int macOff, PublicKey receiver) {
        if (receiver == null) {
            return null;
        }
        byte[] key = NoiseConstants.mac1Key(receiver.bytes());
        return Arrays.equals(Blake2s.mac(key, d, 0, macOff), Arrays.copyOfRange(d, macOff, macOff + 16));
    }

    private static PublicKey responderKeyOf(Pending hs) {
        return hs == null ? null : hs.responderStatic;
    }

    private static PublicKey initiatorKeyOf(Pending hs) {
        return hs == null ? null : hs.initiatorStatic;
    }

    private String tai64n(byte[] ts) {
        long secs = 0;
        for (int i = 0; i < 8; i++) {
            secs = secs << 8 | (ts[i] & 0xff);
        }
        long nanos = (ts[8] & 0xffL) << 24 | (ts[9] & 0xffL) << 16 | (ts[10] & 0xffL) << 8 | (ts[11] & 0xffL);
        long unix = secs - 0x400000000000000aL;
        return "TAI64N " + Instant.ofEpochSecond(unix, nanos) + " (virtual "
                + String.format("%.3f s", (unix * 1_000_000_000L + nanos - epochUnixNanos) / 1e9) + ")";
    }

    private static String innerSummary(byte[] plain) {
        Inner i = inner(plain);
        if (i == null) {
            return plain.length + " bytes that are not an IP packet";
        }
        return "IP " + i.source() + " → " + i.destination() + " " + i.protocol()
                + (i.payloadText() == null ? "" : " “" + i.payloadText() + "”");
    }

    /** The inner packet, trimmed to its IP length (WireGuard pads to 16). */
    static Inner inner(byte[] plain) {
        int version = plain.length == 0 ? 0 : (plain[0] & 0xff) >>> 4;
        int length;
        if (version == 4 && plain.length >= 20) {
            length = (plain[2] & 0xff) << 8 | (plain[3] & 0xff);
        } else if (version == 6 && plain.length >= 40) {
            length = ((plain[4] & 0xff) << 8 | (plain[5] & 0xff)) + 40;
        } else {
            return null;
        }
        if (length > plain.length || length < 20) {
            return null;
        }
        IpPacket p = IpPacket.decode(plain, 0, length).packet();
        if (p == null) {
            return null;
        }
        String text = null;
        if (p.isUdp()) {
            String t = new String(p.payload(), StandardCharsets.UTF_8);
            text = t.chars().allMatch(ch -> ch >= 0x20 || ch == '\n') ? t : null;
        }
        String proto = p.isUdp() ? "UDP" : p.isEcho() ? "ICMP echo" : "protocol " + p.protocol();
        return new Inner(p.source().toString(), p.destination().toString(), proto, p.isUdp() ? p.sourcePort() : null,
                p.isUdp() ? p.destinationPort() : null, text, HEX.formatHex(plain, 0, length));
    }

    private static int type(byte[] d) {
        return d.length < 4 ? -1 : le32(d, 0);
    }

    private static int le32(byte[] d, int off) {
        return (d[off] & 0xff) | (d[off + 1] & 0xff) << 8 | (d[off + 2] & 0xff) << 16 | (d[off + 3] & 0xff) << 24;
    }

    private static long le64(byte[] d, int off) {
        return (le32(d, off) & 0xffffffffL) | (long) le32(d, off + 4) << 32;
    }

    private static String shortHex(byte[] b) {
        return HEX.formatHex(b, 0, 6) + "…";
    }
}
