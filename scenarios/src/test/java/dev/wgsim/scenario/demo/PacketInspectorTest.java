package dev.wgsim.scenario.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.net.IpPacket;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packet inspector against packets captured independently of the demo (an observer of this
 * test's own on wg0's host): fields equal the wire bytes, and what it decrypts equals what was sent.
 */
class PacketInspectorTest {
    DemoSession demo;
    final List<byte[]> wire = new ArrayList<>();

    @BeforeEach
    void open() {
        demo = DemoSession.open(DemoSessionTest.EXAMPLE);
        demo.network().host("home").addObserver((now, p) -> wire.add(p.toBytes()));
    }

    static PacketInspector.Field field(PacketInspector.Inspection x, String name) {
        return x.fields().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + name + " in " + x.fields()));
    }

    static byte[] udpPayload(byte[] ip) {
        return IpPacket.decode(ip).packet().payload();
    }

    @Test
    void wg0sInitiationIsDecodedFromItsWireBytesAndOpensToWg0sOwnKey() {
        DemoState s = demo.send("laptop");
        List<Integer> captured = s.lastPacket().capture();
        assertFalse(captured.isEmpty());
        assertEquals(wire.size(), demo.inspect(captured.get(captured.size() - 1)).index() + 1, "every packet captured");
        PacketInspector.Inspection init = demo.inspect(captured.get(0));
        assertEquals("initiation", init.type());
        assertEquals("sent by wg0", init.direction());
        assertEquals("laptop", init.peer());
        byte[] d = udpPayload(wire.get(captured.get(0)));
        assertEquals(148, d.length, "a handshake initiation is 148 bytes (whitepaper §5.4.2)");
        HexFormat hex = HexFormat.of();
        assertEquals(hex.formatHex(d, 4, 8), field(init, "sender index").hex());
        assertEquals(hex.formatHex(d, 8, 40), field(init, "unencrypted ephemeral").hex());
        assertEquals(hex.formatHex(d, 40, 88), field(init, "encrypted static").hex());
        assertEquals(hex.formatHex(d, 116, 132), field(init, "mac1").hex());
        assertEquals("valid", field(init, "mac1").value());
        assertEquals(hex.formatHex(demo.device().publicKey().bytes()), field(init, "encrypted static").plaintextHex(),
                "the encrypted static opens to the initiator's (wg0's) public key");
        assertTrue(field(init, "encrypted timestamp").plaintext().contains("virtual 0.000 s"),
                field(init, "encrypted timestamp").plaintext());
        List<String> labels = init.steps().stream().map(PacketInspector.Step::label).toList();
        for (String dh : List.of("es = DH(Eᵢ, Sᵣ)", "ss = DH(Sᵢ, Sᵣ)", "ee = DH(Eᵣ, Eᵢ)", "se = DH(Eᵣ, Sᵢ)",
                "C, τ, k = KDF₃(C, Q)", "T₁, T₂ = KDF₂(C, ε)")) {
            assertTrue(labels.contains(dh), dh + " in " + labels);
        }
        // The derivation from the wire ends in the device's own sending key (wg0 initiated: T1).
        String t1 = init.steps().get(init.steps().size() - 1).result();
        byte[] deviceKey = Base64.getDecoder().decode(DemoSessionTest.session(demo, "laptop").sendKeyBase64());
        assertTrue(t1.startsWith("T₁ (initiator→responder) " + hex.formatHex(deviceKey, 0, 6)), t1);
    }

    @Test
    void aTransportPacketDecryptsToTheInnerPacketThatWasSent() {
        DemoState s = demo.send("laptop");
        PacketInspector.Inspection data = null;
        for (int i : s.lastPacket().capture()) {
            PacketInspector.Inspection x = demo.inspect(i);
            if (x.type().equals("transport") && x.direction().equals("sent by wg0")) {
                data = x;
            }
        }
        assertNotNull(data, "wg0 sent a transport packet");
        byte[] d = udpPayload(wire.get(data.index()));
        HexFormat hex = HexFormat.of();
        assertEquals(hex.formatHex(d, 4, 8), field(data, "receiver index").hex());
        assertEquals("0", field(data, "counter").value(), "the first packet of a session has counter 0");
        assertEquals(hex.formatHex(d, d.length - 16, d.length), field(data, "Poly1305 tag").hex());
        assertEquals("10.0.0.1", data.inner().source());
        assertEquals("10.0.0.2", data.inner().destination());
        assertEquals(DemoSession.DEMO_PORT, data.inner().destinationPort());
        assertEquals("hello laptop #1 from wg0", data.inner().payloadText());
        assertEquals(0, field(data, "encrypted packet").plaintextHex().length() % 32, "padded to 16 bytes");
    }

    @Test
    void wg0AsResponderOpensThePhonesInitiationAndItsData() {
        DemoState s = demo.recv("phone");
        PacketInspector.Inspection init = demo.inspect(s.lastPacket().capture().get(0));
        assertEquals("initiation", init.type());
        assertEquals("received by wg0", init.direction());
        assertEquals("phone", init.peer());
        PacketInspector.Inspection data = null;
        for (int i : s.lastPacket().capture()) {
            PacketInspector.Inspection x = demo.inspect(i);
            if (x.type().equals("transport") && x.direction().equals("received by wg0")) {
                data = x;
            }
        }
        assertNotNull(data);
        assertTrue(data.inner().payloadText().matches("hello wg0 #\\d+ from phone"), data.inner().payloadText());
        assertEquals("10.0.0.3", data.inner().source());
    }

    @Test
    void aForgedCopyDoesNotOpenAndDoesNotMoveTheEndpoint() {
        demo.recv("phone");
        demo.roam("phone");
        String before = DemoSessionTest.row(demo.state(), "phone").endpoint();
        DemoState s = demo.forge("phone");
        assertEquals("dropped", s.lastPacket().outcome());
        assertEquals(before, DemoSessionTest.row(s, "phone").endpoint());
        assertTrue(DemoSessionTest.logHas(demo, "drop", "did not authenticate"));
        PacketInspector.Inspection forged = demo.inspect(s.lastPacket().capture().get(0));
        assertNull(forged.inner());
        assertTrue(forged.sessionNote().contains("forged or altered"), forged.sessionNote());
    }
}
