package dev.wgsim.wg.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The wall clock and OS randomness are confined to this package: no other compiled class of
 * wg-model refers to them in its constant pool (where every method and class it uses is named).
 */
class WallClockConfinementTest {

    private static final List<String> FORBIDDEN = List.of(
            "currentTimeMillis", "nanoTime", "java/security/SecureRandom", "java/time/Instant",
            "java/time/Clock", "java/time/LocalDateTime", "java/util/concurrent/ThreadLocalRandom");

    @Test
    void onlyLiveReadsTheWallClockOrSecureRandom() throws Exception {
        Path classes = Path.of(LiveDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = classes.resolve("dev/wgsim/wg");
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String rel = root.relativize(f).toString();
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                scanned++;
                for (String name : FORBIDDEN) {
                    if (text.contains(name) && !rel.startsWith("live/")) {
                        offenders.add(rel + " -> " + name);
                    }
                }
            }
        }
        assertTrue(scanned > 50, "scanned " + scanned + " classes under " + root);
        assertEquals(List.of(), offenders, "model code must take time and randomness as inputs");
        // The check can fail: LiveDriver itself does use them.
        String live = new String(Files.readAllBytes(root.resolve("live/LiveDriver.class")), StandardCharsets.ISO_8859_1);
        assertTrue(live.contains("nanoTime") && live.contains("java/security/SecureRandom"));
    }
}
