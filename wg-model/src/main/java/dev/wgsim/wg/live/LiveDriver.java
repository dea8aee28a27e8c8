package dev.wgsim.wg.live;

import dev.wgsim.wg.config.DeviceSnapshots;
import dev.wgsim.wg.config.InterfaceSnapshot;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.device.Constants;
import dev.wgsim.wg.device.Datagram;
import dev.wgsim.wg.device.Drop;
import dev.wgsim.wg.device.InnerPacket;
import dev.wgsim.wg.device.WgDevice;
import dev.wgsim.wg.device.WgEvent;
import dev.wgsim.wg.device.WgOutput;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs one {@link WgDevice} on a real {@link DatagramChannel} (bound to a loopback address), the
 * wall clock and {@link SecureRandom}: the same sans-I/O device the simulator drives, talking to a
 * real WireGuard implementation.
 *
 * <p>One loop thread receives datagrams and fires timers; callers configure the device and inject
 * inner packets through {@link #call}. Both hold one lock, because the device is not thread-safe.
 * Datagrams the device emits are sent at once; delivered inner packets, events and drops are
 * copied into queues the caller reads. Virtual time is {@code System.nanoTime()} since start plus
 * one second (so 0 is never a real instant); {@link #wallEpochUnixNanos()} maps it to the wall
 * clock for TAI64N timestamps and {@code wg show}.
 */
public final class LiveDriver implements AutoCloseable {

    /** A protocol event with the driver's virtual time it happened at. */
    public record TimedEvent(long atNanos, WgEvent event) {
    }

    /** An inner packet the device delivered, with the driver's virtual time it was decrypted at. */
    public record TimedPacket(long atNanos, InnerPacket packet) {
    }

    private static final long START_OFFSET_NANOS = 1_000_000_000L;

    private final Object lock = new Object();
    private final WgDevice device;
    private final long baseNanos;
    private final long wallEpochUnixNanos;
    private final Selector selector;
    private final InetAddress bindAddress;
    private volatile DatagramChannel channel;
    private final Thread loop;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private final BlockingQueue<TimedPacket> delivered = new LinkedBlockingQueue<>();
    private final List<TimedEvent> events = new CopyOnWriteArrayList<>();
    private final List<Drop> drops = new CopyOnWriteArrayList<>();
    private final List<Datagram> sent = new CopyOnWriteArrayList<>();

    private LiveDriver(PrivateKey key, InetSocketAddress bind, Constants constants) throws IOException {
        this.bindAddress = bind.getAddress();
        this.selector = Selector.open();
        this.channel = open(bind);
        this.baseNanos = System.nanoTime() - START_OFFSET_NANOS;
        this.wallEpochUnixNanos = System.currentTimeMillis() * 1_000_000L - START_OFFSET_NANOS;
        int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        this.device = new WgDevice(key, port, constants, Entropy.of(new SecureRandom()), wallEpochUnixNanos);
        this.loop = new Thread(this::run, "wg-live-" + port);
        this.loop.setDaemon(true);
    }

    /**
     * Binds {@code bind} (port 0 = any free port) and starts the loop.
     *
     * @param constants protocol constants; {@link Constants#DEFAULTS} to behave like wireguard-go
     */
    public static LiveDriver start(PrivateKey key, InetSocketAddress bind, Constants constants) throws IOException {
        LiveDriver d = new LiveDriver(key, bind, constants);
        d.loop.start();
        return d;
    }

    /** Binds 127.0.0.1 on a free port with default constants. */
    public static LiveDriver startOnLoopback(PrivateKey key) throws IOException {
        return start(key, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Constants.DEFAULTS);
    }

    private DatagramChannel open(InetSocketAddress bind) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.bind(bind);
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    /** The device's virtual time now. */
    public long now() {
        return System.nanoTime() - baseNanos;
    }

    /** Wall-clock Unix time (ns) of virtual time 0. */
    public long wallEpochUnixNanos() {
        return wallEpochUnixNanos;
    }

    /** The local UDP address datagrams come from. */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("socket closed", e);
        }
    }

    /** Reads or configures the device under the lock (e.g. add a peer). */
    public <T> T withDevice(Function<WgDevice, T> action) {
        synchronized (lock) {
            return action.apply(device);
        }
    }

    /**
     * Calls the device with the current time and handles what it returns, e.g.
     * {@code driver.call((d, now) -> d.sendInner(now, packet, 0, packet.length))}.
     */
    public void call(BiFunction<WgDevice, Long, WgOutput> action) throws IOException {
        synchronized (lock) {
            handle(action.apply(device, now()));
        }
        selector.wakeup(); // the next deadline may have moved
    }

    /** Sends an inner IP packet through the tunnel. */
    public void sendInner(byte[] packet) throws IOException {
        call((d, now) -> d.sendInner(now, packet, 0, packet.length));
    }

    /** The next inner packet the device delivered, or null after the timeout. */
    public InnerPacket awaitDelivered(long timeout, TimeUnit unit) throws InterruptedException {
        TimedPacket p = awaitDeliveredTimed(timeout, unit);
        return p == null ? null : p.packet();
    }

    /**
     * As {@link #awaitDelivered}, with the time the packet was decrypted: an RTT measured with it
     * excludes the hand-off from the loop thread to the caller.
     */
    public TimedPacket awaitDeliveredTimed(long timeout, TimeUnit unit) throws InterruptedException {
        checkLoop();
        return delivered.poll(timeout, unit);
    }

    /** Events so far, oldest first (a snapshot). */
    public List<TimedEvent> events() {
        return List.copyOf(events);
    }

    /** Waits until an event of the given type appears after index {@code from}; returns it or null. */
    public <E extends WgEvent> TimedEvent awaitEvent(Class<E> type, int from, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            checkLoop();
            List<TimedEvent> now = events();
            for (int i = from; i < now.size(); i++) {
                if (type.isInstance(now.get(i).event())) {
                    return now.get(i);
                }
            }
            if (System.nanoTime() >= deadline) {
                return null;
            }
            Thread.sleep(2);
        }
    }

    public List<Drop> drops() {
        return List.copyOf(drops);
    }

    /** Every datagram the device emitted so far. */
    public List<Datagram> sentDatagrams() {
        return List.copyOf(sent);
    }

    /** What {@code wg show} would print for this device, times on the wall clock. */
    public InterfaceSnapshot snapshot(String name) {
        synchronized (lock) {
            return DeviceSnapshots.of(name, device, wallEpochUnixNanos);
        }
    }

    /**
     * Moves to another local port (roaming): the old socket is closed and a new one bound on the
     * same address. Peers learn the new source port from our next authenticated packet.
     */
    public InetSocketAddress rebind(int port) throws IOException {
        synchronized (lock) {
            DatagramChannel old = channel;
            channel = open(new InetSocketAddress(bindAddress, port));
            old.close();
        }
        selector.wakeup();
        return localAddress();
    }

    private void handle(WgOutput out) throws IOException {
        for (Datagram d : out.datagrams()) {
            channel.send(ByteBuffer.wrap(d.bytes()), d.to());
            sent.add(d);
        }
        long at = now();
        for (InnerPacket p : out.delivered()) {
            delivered.add(new TimedPacket(at, p));
        }
        drops.addAll(out.drops());
        for (WgEvent e : out.events()) {
            events.add(new TimedEvent(at, e));
        }
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        try {
            while (running) {
                long waitMillis;
                synchronized (lock) {
                    long now = now();
                    long next = device.nextTimeout();
                    if (next <= now) {
                        handle(device.handleTimeout(now));
                        continue;
                    }
                    waitMillis = next == Long.MAX_VALUE ? 100 : Math.max(1, Math.min(100, (next - now) / 1_000_000 + 1));
                }
                selector.select(waitMillis);
                selector.selectedKeys().clear();
                while (running) {
                    DatagramChannel ch = channel;
                    buf.clear();
                    SocketAddress from;
                    try {
                        from = ch.receive(buf);
                    } catch (ClosedChannelException e) {
                        break; // rebound meanwhile; the new channel is registered
                    }
                    if (from == null) {
                        break;
                    }
                    synchronized (lock) {
                        handle(device.receive(now(), (InetSocketAddress) from, buf.array(), 0, buf.position()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                failure = e;
            }
        }
    }

    private void checkLoop() {
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("live driver loop failed", f);
        }
    }

    /** Stops the loop and closes the socket. */
    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close();
        selector.close();
    }

    /** The drops seen so far, as text (for assertion messages). */
    public String dropSummary() {
        List<String> s = new ArrayList<>();
        for (Drop d : drops()) {
            s.add(d.reason() + "(" + d.length() + ")");
        }
        return s.toString();
    }
}
