package dev.wgsim.wg.device;

import java.util.Arrays;

/**
 * The peers of one device with an armed timer, in a binary min-heap on their earliest deadline
 * ({@link PeerTimers#earliest()}), so the device's next wake-up and the peers due at it cost
 * O(log P), not a walk over all P peers. Each peer remembers its slot ({@link WgPeer#heapSlot},
 * -1 when absent), which makes a moved deadline a sift rather than a search.
 */
final class PeerDeadlines {
    private WgPeer[] heap = new WgPeer[8];
    private long[] keys = new long[8];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest deadline, or {@link PeerTimers#OFF} when no peer has an armed timer. */
    long earliest() {
        return size == 0 ? PeerTimers.OFF : keys[0];
    }

    /** Re-reads the peer's deadline: inserts, moves or (when nothing is armed) removes it. */
    void update(WgPeer p) {
        long key = p.timers.earliest();
        int i = p.heapSlot;
        if (key == PeerTimers.OFF) {
            if (i >= 0) {
                removeAt(i);
            }
            return;
        }
        if (i < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
                keys = Arrays.copyOf(keys, size * 2);
            }
            i = size++;
            heap[i] = p;
            keys[i] = key;
            p.heapSlot = i;
            siftUp(i);
            return;
        }
        long old = keys[i];
        keys[i] = key;
        if (key < old) {
            siftUp(i);
        } else if (key > old) {
            siftDown(i);
        }
    }

    void remove(WgPeer p) {
        if (p.heapSlot >= 0) {
            removeAt(p.heapSlot);
        }
    }

    /** Removes and returns the peer with the earliest deadline (the heap must not be empty). */
    WgPeer poll() {
        WgPeer p = heap[0];
        removeAt(0);
        return p;
    }

    private void removeAt(int i) {
        WgPeer gone = heap[i];
        gone.heapSlot = -1;
        int last = --size;
        if (i != last) {
            heap[i] = heap[last];
            keys[i] = keys[last];
            heap[i].heapSlot = i;
            heap[last] = null;
            siftDown(i);
            siftUp(i);
        } else {
            heap[last] = null;
        }
    }

    private void siftUp(int i) {
        WgPeer p = heap[i];
        long k = keys[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (keys[parent] <= k) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        heap[i] = p;
        keys[i] = k;
        p.heapSlot = i;
    }

    private void siftDown(int i) {
        WgPeer p = heap[i];
        long k = keys[i];
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < size && keys[r] < keys[c]) {
                c = r;
            }
            if (k <= keys[c]) {
                break;
            }
            move(c, i);
            i = c;
        }
        heap[i] = p;
        keys[i] = k;
        p.heapSlot = i;
    }

    private void move(int from, int to) {
        heap[to] = heap[from];
        keys[to] = keys[from];
        heap[to].heapSlot = to;
    }
}
