package dev.wgsim.engine.link;

import dev.wgsim.engine.net.DropReason;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.PhysicalInterface;
import dev.wgsim.engine.random.RandomStream;
import dev.wgsim.engine.time.EventLoop;

/**
 * One direction of a link: the netem pipeline a packet goes through on its way to the far interface.
 *
 * <p>Order per packet: link up? then MTU, then the drop-tail queue and serialization at the rate
 * (a lost packet still occupies the wire, as on a real lossy medium), then the loss draw, then
 * duplication, then per copy either the reorder shortcut (no delay) or delay plus jitter, and the
 * corruption draw (a corrupted copy is discarded by the receiver's checksum check on arrival). Each random
 * aspect draws from its own stream {@code link/<name>/<dir>/<aspect>}, so changing one aspect's
 * configuration never shifts another's draws.
 */
public final class LinkDirection {
    private final Link link;
    private final String label;
    private final PhysicalInterface to;
    private final Network network;
    private final EventLoop loop;
    private RandomStream lossRng;
    private RandomStream delayRng;
    private RandomStream jitterRng;
    private RandomStream duplicateRng;
    private RandomStream reorderRng;
    private RandomStream corruptRng;
    private LinkConfig config;
    private boolean badState;
    /** When the transmitter finishes the last queued packet. */
    private long busyUntil;
    /**
     * Finish times of packets queued or in transmission, oldest first (a ring). It grows up to the
     * queue limit as the queue does: 100,000 idle access links do not each hold 1,000 slots.
     */
    private long[] finishTimes;
    private static final int INITIAL_RING = 8;
    private int queueHead;
    private int queueSize;
    /** Latest delivery time handed out on the in-order path (jitter without reordering). */
    private long lastArrival;
    private long offered;
    private long delivered;
    private long deliveredBytes;

    LinkDirection(Link link, String label, PhysicalInterface to, LinkConfig config) {
        this.link = link;
        this.label = label;
        this.to = to;
        this.network = link.network();
        this.loop = network.loop();
        setConfig(config);
    }

    /*
     * The direction's random streams (link/NAME/LABEL/loss...) are made on first use: a stream is a
     * function of the seed and its name only, so a late one draws exactly what an early one would,
     * and 100,000 lossless access links do not keep six streams each.
     */
    private RandomStream stream(String what) {
        return network.random().stream("link/" + link.name() + "/" + label + "/" + what);
    }

    private RandomStream lossRng() {
        return lossRng != null ? lossRng : (lossRng = stream("loss"));
    }

    private RandomStream delayRng() {
        return delayRng != null ? delayRng : (delayRng = stream("delay"));
    }

    private RandomStream jitterRng() {
        return jitterRng != null ? jitterRng : (jitterRng = stream("jitter"));
    }

    private RandomStream duplicateRng() {
        return duplicateRng != null ? duplicateRng : (duplicateRng = stream("duplicate"));
    }

    private RandomStream reorderRng() {
        return reorderRng != null ? reorderRng : (reorderRng = stream("reorder"));
    }

    private RandomStream corruptRng() {
        return corruptRng != null ? corruptRng : (corruptRng = stream("corrupt"));
    }

    /** Direction label used in stream names: "ab" (a to b) or "ba". */
    public String label() {
        return label;
    }

    public LinkConfig config() {
        return config;
    }

    /** Replaces the configuration now (e.g. a scheduled loss change); queued packets keep their times. */
    public void setConfig(LinkConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("link config is null");
        }
        long[] old = finishTimes;
        int limit = config.queueLimitPackets();
        int keep = old == null ? 0 : Math.min(queueSize, limit);
        finishTimes = new long[Math.max(keep, Math.min(limit, INITIAL_RING))];
        for (int i = 0; i < keep; i++) {
            finishTimes[i] = old[(queueHead + queueSize - keep + i) % old.length];
        }
        queueHead = 0;
        queueSize = keep;
        this.config = config;
    }

    /** Packets offered to this direction. */
    public long offered() {
        return offered;
    }

    /** Packets (copies included) handed to the far interface. */
    public long delivered() {
        return delivered;
    }

    public long deliveredBytes() {
        return deliveredBytes;
    }

    void send(IpPacket packet) {
        offered++;
        LinkConfig c = config;
        if (!link.isUp()) {
            link.drop(DropReason.LINK_DOWN, packet);
            return;
        }
        int bytes = packet.wireLength();
        if (bytes > c.mtuBytes()) {
            link.drop(DropReason.MTU, packet);
            return;
        }
        long now = loop.now();
        long leaves = now;
        if (c.rateBitsPerSecond() > 0) {
            while (queueSize > 0 && finishTimes[queueHead] <= now) {
                queueHead = queueHead + 1 == finishTimes.length ? 0 : queueHead + 1;
                queueSize--;
            }
            if (queueSize >= c.queueLimitPackets()) {
                link.drop(DropReason.QUEUE_FULL, packet);
                return;
            }
            if (queueSize == finishTimes.length) {
                growRing(c.queueLimitPackets());
            }
            long start = Math.max(now, busyUntil);
            // ceil(bits * 1e9 / rate) without overflow for any realistic packet
            long txNanos = (bytes * 8L * 1_000_000_000L + c.rateBitsPerSecond() - 1) / c.rateBitsPerSecond();
            busyUntil = start + txNanos;
            leaves = busyUntil;
            int tail = queueHead + queueSize;
            finishTimes[tail >= finishTimes.length ? tail - finishTimes.length : tail] = leaves;
            queueSize++;
        }
        if (lost(c.loss())) {
            link.drop(DropReason.LOSS, packet);
            return;
        }
        boolean duplicate = c.duplicateProbability() > 0 && duplicateRng().bernoulli(c.duplicateProbability());
        schedule(leaves, packet, c);
        if (duplicate) {
            schedule(leaves, packet.copy(), c);
        }
    }

    private boolean corrupted(LinkConfig c) {
        return c.corruptProbability() > 0 && corruptRng().bernoulli(c.corruptProbability());
    }

    private boolean lost(LossModel model) {
        if (model instanceof LossModel.Bernoulli b) {
            return lossRng().bernoulli(b.p());
        }
        if (model instanceof LossModel.GilbertElliott ge) {
            boolean lost = lossRng().bernoulli(badState ? ge.lossBad() : ge.lossGood());
            badState = badState ? !lossRng().bernoulli(ge.r()) : lossRng().bernoulli(ge.p());
            return lost;
        }
        return false;
    }

    private void schedule(long leaves, IpPacket packet, LinkConfig c) {
        long arrival;
        if (c.reorderProbability() > 0 && reorderRng().bernoulli(c.reorderProbability())) {
            arrival = leaves;
        } else {
            double d = c.delay().sample(delayRng());
            long delay = d > 0 ? (long) d : 0;
            if (c.jitterNanos() > 0) {
                delay += (long) ((jitterRng().nextDouble() * 2 - 1) * c.jitterNanos());
                if (delay < 0) {
                    delay = 0;
                }
            }
            arrival = leaves + delay;
            if (!c.jitterReorders()) {
                if (arrival < lastArrival) {
                    arrival = lastArrival;
                }
                lastArrival = arrival;
            }
        }
        boolean corrupt = corrupted(c);
        loop.schedule(arrival, corrupt ? () -> arriveCorrupted(packet) : () -> arrive(packet));
    }

    private void arriveCorrupted(IpPacket packet) {
        if (!link.isUp()) {
            link.drop(DropReason.LINK_DOWN, packet);
            return;
        }
        // the receiver's checksum verification discards it; attributed to the receiving node
        to.host().drop(DropReason.BAD_CHECKSUM, packet);
    }

    private void arrive(IpPacket packet) {
        if (!link.isUp()) {
            link.drop(DropReason.LINK_DOWN, packet);
            return;
        }
        delivered++;
        deliveredBytes += packet.wireLength();
        to.receiveFromLink(packet);
    }

    private void growRing(int limit) {
        long[] ring = new long[(int) Math.min(limit, 2L * finishTimes.length)];
        for (int i = 0; i < queueSize; i++) {
            ring[i] = finishTimes[(queueHead + i) % finishTimes.length];
        }
        finishTimes = ring;
        queueHead = 0;
    }

    /** Packets waiting or being serialized right now. */
    public int queueLength() {
        long now = loop.now();
        int n = 0;
        for (int i = 0; i < queueSize; i++) {
            if (finishTimes[(queueHead + i) % finishTimes.length] > now) {
                n++;
            }
        }
        return n;
    }
}
