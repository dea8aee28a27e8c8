package dev.wgsim.wg.bench;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.TransportAead;
import dev.wgsim.wg.crypto.TransportAeads;
import dev.wgsim.wg.device.Constants;
import dev.wgsim.wg.device.WgDevice;
import dev.wgsim.wg.device.WgOutput;
import dev.wgsim.wg.device.WgPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Seal + open of one 1,420-byte inner packet: {@code device} through two WgDevices (routing,
 * padding, header, counters, index lookup, replay window, allowed-IPs check, delivery) and
 * {@code raw} with the bare transport cipher on the same 1,420-byte plaintext, for each provider.
 * Target: device &lt;= 1.2 x raw.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TransportBenchmark {
    private static final long S = 1_000_000_000L;

    @Param({"BC", "JDK"})
    public String provider;

    private WgDevice a;
    private WgDevice b;
    private InetSocketAddress addrA;
    private byte[] packet;
    private long now;

    private TransportAead rawSend;
    private TransportAead rawOpen;
    private byte[] sealed;
    private byte[] opened;
    private long counter;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        TransportAeads.Provider p = TransportAeads.Provider.valueOf(provider);
        Entropy e = Entropy.of(new Random(1));
        PrivateKey ka = PrivateKey.generate(e);
        PrivateKey kb = PrivateKey.generate(e);
        a = new WgDevice(ka, 1, Constants.DEFAULTS, Entropy.of(new Random(2)), 0, p);
        b = new WgDevice(kb, 2, Constants.DEFAULTS, Entropy.of(new Random(3)), 0, p);
        addrA = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 1, 0, 1}), 1);
        InetSocketAddress addrB = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 1, 0, 2}), 2);
        WgPeer pb = a.addPeer(kb.publicKey(), null);
        WgPeer pa = b.addPeer(ka.publicKey(), null);
        a.setEndpoint(pb, addrB);
        b.setEndpoint(pa, addrA);
        a.addAllowedIp(pb, IpPrefix.parse("10.0.0.0/24"));
        b.addAllowedIp(pa, IpPrefix.parse("10.0.1.0/24"));
        packet = new byte[1420];
        new Random(4).nextBytes(packet);
        packet[0] = 0x45;
        packet[2] = (byte) (1420 >>> 8);
        packet[3] = (byte) 1420;
        packet[12] = 10;
        packet[13] = 0;
        packet[14] = 1;
        packet[15] = 1;
        packet[16] = 10;
        packet[17] = 0;
        packet[18] = 0;
        packet[19] = 2;
        now = 10 * S;
        // handshake once
        byte[] init = a.sendInner(now, packet, 0, packet.length).datagrams().get(0).bytes();
        byte[] resp = b.receive(now, addrA, init, 0, init.length).datagrams().get(0).bytes();
        byte[] data = a.receive(now, addrB, resp, 0, resp.length).datagrams().get(0).bytes();
        if (b.receive(now, addrA, data, 0, data.length).delivered().size() != 1) {
            throw new IllegalStateException("setup handshake failed");
        }

        byte[] key = new byte[32];
        e.nextBytes(key);
        rawSend = TransportAeads.create(p, key);
        rawOpen = TransportAeads.create(p, key);
        sealed = new byte[1420 + 16];
        opened = new byte[1420];
    }

    @Benchmark
    public int device() {
        now += 1_000; // 1 µs of virtual time per packet: no rekey within a run
        byte[] d = a.sendInner(now, packet, 0, packet.length).datagrams().get(0).bytes();
        WgOutput o = b.receive(now, addrA, d, 0, d.length);
        return o.delivered().get(0).packet().length;
    }

    @Benchmark
    public int raw() {
        long c = counter++;
        rawSend.seal(c, packet, 0, packet.length, sealed, 0);
        return rawOpen.open(c, sealed, 0, sealed.length, opened, 0);
    }
}
