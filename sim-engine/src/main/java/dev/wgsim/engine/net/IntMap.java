package dev.wgsim.engine.net;

import java.util.Arrays;

/** A tiny open-addressing map from non-negative int keys (ports, echo identifiers) to values, without boxing. */
final class IntMap<V> {
    private int[] keys = new int[16];
    private Object[] values = new Object[16];
    private int size;

    IntMap() {
        Arrays.fill(keys, -1);
    }

    @SuppressWarnings("unchecked")
    V get(int key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == -1) {
                return null;
            }
        }
    }

    void put(int key, V value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            if (keys[i] == -1) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    void remove(int key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != key) {
            if (keys[i] == -1) {
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = -1;
        values[i] = null;
        size--;
        // Re-insert the rest of the cluster so probing still finds it (backward-shift by re-put).
        for (int j = (i + 1) & mask; keys[j] != -1; j = (j + 1) & mask) {
            int k = keys[j];
            Object v = values[j];
            keys[j] = -1;
            values[j] = null;
            size--;
            @SuppressWarnings("unchecked")
            V typed = (V) v;
            put(k, typed);
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        Arrays.fill(keys, -1);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != -1) {
                @SuppressWarnings("unchecked")
                V v = (V) oldValues[i];
                put(oldKeys[i], v);
            }
        }
    }

    private static int mix(int key) {
        return key * 0x9E3779B9 >>> 16;
    }
}
