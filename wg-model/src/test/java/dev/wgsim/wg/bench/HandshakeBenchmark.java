package dev.wgsim.wg.bench;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.Tai64n;
import dev.wgsim.wg.device.Constants;
import dev.wgsim.wg.device.Datagram;
import dev.wgsim.wg.device.WgDevice;
import dev.wgsim.wg.device.WgOutput;
import dev.wgsim.wg.device.WgPeer;
import dev.wgsim.wg.noise.CookieChecker;
import dev.wgsim.wg.noise.CookieGenerator;
import dev.wgsim.wg.noise.Handshake;
import dev.wgsim.wg.noise.MessageInitiation;
import dev.wgsim.wg.noise.MessageResponse;
import dev.wgsim.wg.noise.NoiseProtocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A complete handshake, both sides (two ephemeral key generations, four DH agreements per side
 * minus the precomputed static-static, macs, KDF chain, transport keys). {@code noise}: the bare
 * protocol steps; {@code device}: two WgDevices exchanging initiation, response and the first data
 * packet, index tables and timers included. Time per operation; bound to beat: 1.1 x 610 µs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandshakeBenchmark {
    private static final long S = 1_000_000_000L;

    private PrivateKey si;
    private PrivateKey sr;
    private NoiseProtocol ini;
    private NoiseProtocol res;
    private Handshake hsI;
    private Handshake hsR;
    private CookieGenerator genToR;
    private CookieGenerator genToI;
    private CookieChecker checkR;
    private CookieChecker checkI;
    private Entropy entropy;
    private long now;

    private WgDevice a;
    private WgDevice b;
    private InetSocketAddress addrA;
    private InetSocketAddress addrB;
    private byte[] packet;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        entropy = Entropy.of(new Random(1));
        si = PrivateKey.generate(entropy);
        sr = PrivateKey.generate(entropy);
        ini = new NoiseProtocol(si);
        res = new NoiseProtocol(sr);
        hsI = new Handshake(si, sr.publicKey(), null);
        hsR = new Handshake(sr, si.publicKey(), null);
        genToR = new CookieGenerator(sr.publicKey());
        genToI = new CookieGenerator(si.publicKey());
        checkR = new CookieChecker(sr.publicKey());
        checkI = new CookieChecker(si.publicKey());
        now = 1000 * S;

        a = new WgDevice(si, 1, Constants.DEFAULTS, Entropy.of(new Random(2)), 1_700_000_000L * S);
        b = new WgDevice(sr, 2, Constants.DEFAULTS, Entropy.of(new Random(3)), 1_700_000_000L * S);
        addrA = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 1, 0, 1}), 1);
        addrB = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 1, 0, 2}), 2);
        WgPeer pb = a.addPeer(sr.publicKey(), null);
        WgPeer pa = b.addPeer(si.publicKey(), null);
        a.setEndpoint(pb, addrB);
        b.setEndpoint(pa, addrA);
        a.addAllowedIp(pb, IpPrefix.parse("10.0.0.2/32"));
        b.addAllowedIp(pa, IpPrefix.parse("10.0.0.1/32"));
        packet = new byte[100];
        packet[0] = 0x45;
        packet[3] = 100;
        packet[12] = 10;
        packet[15] = 1;
        packet[16] = 10;
        packet[19] = 2;
    }

    @Benchmark
    public Object noise() {
        now += 6 * S; // newer timestamp, past the flood limit
        MessageInitiation m1 = ini.createInitiation(hsI, PrivateKey.generate(entropy), Tai64n.stamp(0, now), 1);
        genToR.addMacs(m1.bytes(), now);
        if (!checkR.checkMac1(m1.bytes(), 0, MessageInitiation.SIZE)
                || !res.consumeInitiation(m1, now, k -> hsR).ok()) {
            throw new IllegalStateException("initiation rejected");
        }
        MessageResponse m2 = res.createResponse(hsR, PrivateKey.generate(entropy), 2);
        genToI.addMacs(m2.bytes(), now);
        if (!checkI.checkMac1(m2.bytes(), 0, MessageResponse.SIZE) || ini.consumeResponse(m2, hsI) != null) {
            throw new IllegalStateException("response rejected");
        }
        res.beginSymmetricSession(hsR);
        return ini.beginSymmetricSession(hsI);
    }

    @Benchmark
    public int device() {
        now += 200 * S; // the previous keypair has expired: the next packet needs a handshake
        byte[] init = first(a.sendInner(now, packet, 0, packet.length));
        byte[] resp = first(b.receive(now, addrA, init, 0, init.length));
        byte[] data = first(a.receive(now, addrB, resp, 0, resp.length));
        WgOutput o = b.receive(now, addrA, data, 0, data.length);
        if (o.delivered().size() != 1) {
            throw new IllegalStateException("handshake did not complete: " + o);
        }
        return o.delivered().get(0).packet().length;
    }

    private static byte[] first(WgOutput o) {
        Datagram d = o.datagrams().get(0);
        return d.bytes();
    }
}
