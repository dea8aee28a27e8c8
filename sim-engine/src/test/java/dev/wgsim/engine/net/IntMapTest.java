package dev.wgsim.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntMapTest {
    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        long seed = 77;
        SplittableRandom r = new SplittableRandom(seed);
        IntMap<Integer> map = new IntMap<>();
        Map<Integer, Integer> ref = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            int key = r.nextInt(3000);
            if (r.nextInt(3) == 0) {
                map.remove(key);
                ref.remove(key);
            } else {
                map.put(key, i);
                ref.put(key, i);
            }
            int probe = r.nextInt(3000);
            assertEquals(ref.get(probe), map.get(probe), "seed " + seed + " step " + i);
        }
        assertEquals(ref.size(), map.size());
    }
}
