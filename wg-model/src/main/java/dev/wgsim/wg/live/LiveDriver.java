package dev.wgsim.wg.live;

import dev.wgsim.wg.config.DeviceSnapshots;
import dev.wgsim.wg.config.InterfaceSnapshot;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.device.Constants;
import dev.wgsim.wg.device.Datagram;
import dev.wgsim.wg.device.Drop;
import dev.wgsim.wg.device.DropReason;
import dev.wgsim.wg.device.InnerPacket;
import dev.wgsim.wg.device.WgDevice;
import dev.wgsim.wg.device.WgEvent;
import dev.wgsim.wg.device.WgOutput;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
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
 *
 * <p>Hostile traffic must not slow or stop it: drops are counted by reason (with only the last
 * {@value #RECENT_DROPS} kept for diagnostics), cookie replies sent beyond the first
 * {@value #STORED_COOKIE_EVENTS} are counted rather than stored (anyone who knows our public key
 * can provoke them), delivered packets wait in a queue of {@value #DELIVERED_CAPACITY} (overflow
 * is counted), a datagram that cannot be sent (to port 0, to a broadcast address, to an
 * unreachable network) is counted and the loop goes on, and timers are checked at least every
 * {@value #RECEIVE_BATCH} datagrams so a flood cannot starve them.
 */
public final class LiveDriver implements AutoCloseable {

    /** A protocol event with the driver's virtual time it happened at. */
    public record TimedEvent(long atNanos, WgEvent event) {
    }

    /** An inner packet the device delivered, with the driver's virtual time it was decrypted at. */
    public record TimedPacket(long atNanos, InnerPacket packet) {
    }

    private static final long START_OFFSET_NANOS = 1_000_000_000L;
    /** How many of the most recent drops {@link #drops()} keeps. */
    public static final int RECENT_DROPS = 256;
    /** How many {@link WgEvent.CookieSent} events are stored; later ones are only counted. */
    public static final int STORED_COOKIE_EVENTS = 1024;
    /** Delivered inner packets waiting for the caller; more are dropped and counted. */
    public static final int DELIVERED_CAPACITY = 4096;
    /** Socket buffer size asked for, wireguard-go's socketBufferSize. */
    static final int SOCKET_BUFFER_BYTES = 7 << 20;
    /** Datagrams handled between two timer checks. */
    static final int RECEIVE_BATCH = 64;

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

    private final BlockingQueue<TimedPacket> delivered = new LinkedBlockingQueue<>(DELIVERED_CAPACITY);
    // Guarded by lock (written by the loop and callers under it, read as copies).
    private final List<TimedEvent> events = new ArrayList<>();
    private final ArrayDeque<Drop> recentDrops = new ArrayDeque<>(RECENT_DROPS);
    private final EnumMap<DropReason, Long> dropCounts = new EnumMap<>(DropReason.class);
    private long cookieEventsSent;
    private long received;
    private long sentCount;
    private long sendFailures;
    private String lastSendFailure;
    private long deliveredOverflow;
    private long receiveFailures;

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
            // As wireguard-go: ask for 7 MiB socket buffers (Linux clamps to net.core.rmem_max /
            // wmem_max), so a burst of junk is less likely to crowd out real packets in the kernel.
            ch.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
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

    /**
     * Events so far, oldest first (a snapshot). Every event is kept except cookie replies beyond
     * the first {@value #STORED_COOKIE_EVENTS}, which {@link #cookieRepliesSent()} counts.
     */
    public List<TimedEvent> events() {
        synchronized (lock) {
            return List.copyOf(events);
        }
    }

    /** Cookie replies sent so far (stored in {@link #events()} or not). */
    public long cookieRepliesSent() {
        synchronized (lock) {
            return cookieEventsSent;
        }
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

    /** The most recent drops (at most {@value #RECENT_DROPS}), oldest first. */
    public List<Drop> drops() {
        synchronized (lock) {
            return List.copyOf(recentDrops);
        }
    }

    /** Every drop so far, counted by reason (reasons never seen are absent). */
    public Map<DropReason, Long> dropCounts() {
        synchronized (lock) {
            return Map.copyOf(dropCounts);
        }
    }

    /** Drops so far for one reason. */
    public long dropCount(DropReason reason) {
        synchronized (lock) {
            return dropCounts.getOrDefault(reason, 0L);
        }
    }

    /** Datagrams received on the socket so far, valid or not. */
    public long receivedDatagrams() {
        synchronized (lock) {
            return received;
        }
    }

    /** Datagrams the device emitted and the socket accepted. */
    public long sentDatagrams() {
        synchronized (lock) {
            return sentCount;
        }
    }

    /**
     * Datagrams the device emitted that the socket refused (e.g. a cookie reply to a forged
     * source with port 0 or a broadcast address); the loop carries on.
     */
    public long sendFailures() {
        synchronized (lock) {
            return sendFailures;
        }
    }

    /** The last send failure, as {@code address: message}, or null. */
    public String lastSendFailure() {
        synchronized (lock) {
            return lastSendFailure;
        }
    }

    /** Delivered inner packets dropped because the caller did not take them in time. */
    public long deliveredOverflow() {
        synchronized (lock) {
            return deliveredOverflow;
        }
    }

    /** Errors reading the socket (the loop carries on). */
    public long receiveFailures() {
        synchronized (lock) {
            return receiveFailures;
        }
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

    /** Sends and records what the device returned; the caller holds the lock. */
    private void handle(WgOutput out) {
        for (Datagram d : out.datagrams()) {
            try {
                channel.send(ByteBuffer.wrap(d.bytes()), d.to());
                sentCount++;
            } catch (IOException | RuntimeException e) {
                // Java refuses port 0 ("Can't send to port 0"), Linux a broadcast address without
                // SO_BROADCAST, an unreachable network: a forged source must not stop the loop.
                sendFailures++;
                lastSendFailure = d.to() + ": " + e;
            }
        }
        long at = now();
        for (InnerPacket p : out.delivered()) {
            if (!delivered.offer(new TimedPacket(at, p.detached()))) {
                deliveredOverflow++;
            }
        }
        for (Drop d : out.drops()) {
            dropCounts.merge(d.reason(), 1L, Long::sum);
            if (recentDrops.size() == RECENT_DROPS) {
                recentDrops.pollFirst();
            }
            recentDrops.addLast(d);
        }
        for (WgEvent e : out.events()) {
            if (e instanceof WgEvent.CookieSent && cookieEventsSent++ >= STORED_COOKIE_EVENTS) {
                continue;
            }
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
                // A bounded batch, then back to the timers: a flood must not starve them.
                for (int i = 0; i < RECEIVE_BATCH && running; i++) {
                    DatagramChannel ch = channel;
                    buf.clear();
                    SocketAddress from;
                    try {
                        from = ch.receive(buf);
                    } catch (ClosedChannelException e) {
                        break; // rebound meanwhile; the new channel is registered
                    } catch (IOException e) {
                        synchronized (lock) {
                            receiveFailures++;
                        }
                        break;
                    }
                    if (from == null) {
                        break;
                    }
                    synchronized (lock) {
                        received++;
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

    /** The drops seen so far by reason, and the send failures, as text (for messages). */
    public String dropSummary() {
        synchronized (lock) {
            return dropCounts + (sendFailures == 0 ? "" : "; " + sendFailures + " send failures, last " + lastSendFailure);
        }
    }
}
