package dev.wgsim.reports.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** A stable 32-byte-looking public key per name, for fixtures only. */
final class Base64Key {
    private Base64Key() {}

    static String of(String name) {
        byte[] b = Arrays.copyOf(name.getBytes(StandardCharsets.UTF_8), 32);
        return Base64.getEncoder().encodeToString(b);
    }
}
