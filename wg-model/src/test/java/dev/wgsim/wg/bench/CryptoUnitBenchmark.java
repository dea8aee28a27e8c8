package dev.wgsim.wg.bench;

import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.Tai64n;
import dev.wgsim.wg.crypto.TransportAead;
import dev.wgsim.wg.crypto.TransportAeads;
import dev.wgsim.wg.device.CryptoOp;
import dev.wgsim.wg.noise.CookieChecker;
import dev.wgsim.wg.noise.CookieGenerator;
import dev.wgsim.wg.noise.Handshake;
import dev.wgsim.wg.noise.MessageInitiation;
import dev.wgsim.wg.noise.MessageResponse;
import dev.wgsim.wg.noise.NoiseProtocol;
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
 * The unit cost of each {@link CryptoOp} a device counts, so {@code bench/scale} can estimate a
 * run's own cryptography time as counts x these costs. Each method does what the device does for
 * that count (ephemeral key generation and macs included). Handshake steps take {@link Handshakes},
 * whose per-invocation setup (untimed) brings a fresh initiation in flight, consumed by the
 * responder, so a response can be built; transport steps use a 96-byte payload (a 64-byte ping
 * plus IP and ICMP headers, padded), the size a hub's traffic mostly has, and no such setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CryptoUnitBenchmark {
    private static final long S = 1_000_000_000L;
    private static final int PAYLOAD = 96;

    @State(Scope.Thread)
    public static class Handshakes {
        Entropy entropy;
        NoiseProtocol ini;
        NoiseProtocol res;
        Handshake hsI;
        Handshake hsR;
        CookieGenerator genToR;
        CookieGenerator genToI;
        CookieChecker checkR;
        CookieChecker checkI;
        PrivateKey si;
        PrivateKey sr;
        final byte[] staticBytes = new byte[32];
        long now;
        MessageInitiation inFlight;
        final byte[] src = {10, 0, 0, 1};

        @Setup(Level.Trial)
        public void keys() {
            entropy = Entropy.of(new Random(1));
            si = PrivateKey.generate(entropy);
            sr = PrivateKey.generate(entropy);
            new Random(3).nextBytes(staticBytes);
            ini = new NoiseProtocol(si);
            res = new NoiseProtocol(sr);
            hsI = new Handshake(si, sr.publicKey(), null);
            hsR = new Handshake(sr, si.publicKey(), null);
            genToR = new CookieGenerator(sr.publicKey());
            genToI = new CookieGenerator(si.publicKey());
            checkR = new CookieChecker(sr.publicKey());
            checkI = new CookieChecker(si.publicKey());
            now = 1000 * S;
        }

        @Setup(Level.Invocation)
        public void initiationInFlight() {
            inFlight = initiation();
            if (!res.consumeInitiation(inFlight, now, k -> hsR).ok()) {
                throw new IllegalStateException("initiation rejected");
            }
        }

        MessageInitiation initiation() {
            now += 6 * S; // newer timestamp, past the flood limit
            MessageInitiation m = ini.createInitiation(hsI, PrivateKey.generate(entropy), Tai64n.stamp(0, now), 1);
            genToR.addMacs(m.bytes(), now);
            return m;
        }

        MessageResponse response() {
            MessageResponse m = res.createResponse(hsR, PrivateKey.generate(entropy), 2);
            genToI.addMacs(m.bytes(), now);
            res.beginSymmetricSession(hsR);
            return m;
        }
    }

    @State(Scope.Thread)
    public static class Transport {
        TransportAead seal;
        TransportAead open;
        final byte[] plain = new byte[PAYLOAD];
        final byte[] sealed = new byte[PAYLOAD + 16];
        final byte[] opened = new byte[PAYLOAD];
        long counter;

        @Setup(Level.Trial)
        public void keys() {
            byte[] key = new byte[32];
            new Random(2).nextBytes(key);
            seal = TransportAeads.create(key);
            open = TransportAeads.create(key);
        }
    }

    @Benchmark
    public Object initiationCreated(Handshakes h) {
        return h.initiation();
    }

    /** The initiation in flight again: rejected as stale, but only after all of its cryptography. */
    @Benchmark
    public Object initiationConsumed(Handshakes h) {
        h.checkR.checkMac1(h.inFlight.bytes(), 0, MessageInitiation.SIZE);
        return h.res.consumeInitiation(h.inFlight, h.now, k -> h.hsR);
    }

    @Benchmark
    public Object responseCreated(Handshakes h) {
        return h.response();
    }

    /** A response built and consumed: minus {@link #responseCreated}, the cost of consuming one. */
    @Benchmark
    public Object responseCreatedAndConsumed(Handshakes h) {
        MessageResponse m = h.response();
        h.checkI.checkMac1(m.bytes(), 0, MessageResponse.SIZE);
        if (h.ini.consumeResponse(m, h.hsI) != null) {
            throw new IllegalStateException("response rejected");
        }
        return h.ini.beginSymmetricSession(h.hsI);
    }

    /** The static-static agreement a device does once per peer, on their first handshake message. */
    @Benchmark
    public byte[] staticStaticAgreed(Handshakes h) {
        byte[] ss = new byte[32];
        dev.wgsim.wg.crypto.X25519.agree(h.si, h.sr.publicKey(), ss); // what Handshake does on first use
        return ss;
    }

    /** A private key read and its public key derived (X25519 with the base point): once per device built. */
    @Benchmark
    public Object publicKeyDerived(Handshakes h) {
        h.staticBytes[0]++;
        return PrivateKey.of(h.staticBytes).publicKey();
    }

    @Benchmark
    public Object cookieReplyCreated(Handshakes h) {
        return h.checkR.createReply(h.inFlight.bytes(), 0, MessageInitiation.SIZE, h.src, 51820, h.now, h.entropy);
    }

    @Benchmark
    public int transportSealed(Transport t) {
        return t.seal.seal(t.counter++, t.plain, 0, PAYLOAD, t.sealed, 0);
    }

    @Benchmark
    public int transportSealedAndOpened(Transport t) {
        long c = t.counter++;
        t.seal.seal(c, t.plain, 0, PAYLOAD, t.sealed, 0);
        return t.open.open(c, t.sealed, 0, PAYLOAD + 16, t.opened, 0);
    }
}
