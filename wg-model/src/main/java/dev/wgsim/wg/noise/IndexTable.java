package dev.wgsim.wg.noise;

import dev.wgsim.wg.crypto.Entropy;
import java.util.HashMap;
import java.util.Map;

/**
 * Random, locally unique 32-bit indices mapped to whatever the device keeps under them (a pending
 * handshake or a keypair, with its peer). Responses, cookie replies and transport packets are
 * matched through it.
 */
public final class IndexTable<T> {
    private final Map<Integer, T> entries = new HashMap<>();
    private final byte[] draw = new byte[4];

    /** Draws a fresh random index not in use and maps it to {@code value}. */
    public int insert(Entropy entropy, T value) {
        while (true) {
            entropy.nextBytes(draw);
            int index = Bytes.le32(draw, 0);
            if (!entries.containsKey(index)) {
                entries.put(index, value);
                return index;
            }
        }
    }

    /** Re-points an existing index (a handshake's index becoming its keypair's). */
    public void replace(int index, T value) {
        if (!entries.containsKey(index)) {
            throw new IllegalStateException("index not in use: " + Integer.toUnsignedString(index, 16));
        }
        entries.put(index, value);
    }

    public T lookup(int index) {
        return entries.get(index);
    }

    public void remove(int index) {
        entries.remove(index);
    }

    public int size() {
        return entries.size();
    }
}
