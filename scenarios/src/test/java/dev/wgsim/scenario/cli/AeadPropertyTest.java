package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A bad {@code -Dwgsim.aead} is one line naming the property and the allowed values, exit 2 (issue 17). */
class AeadPropertyTest {

    @Test
    void badAeadPropertyIsOneLineAndExit2() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dwgsim.aead=foo", "-cp", System.getProperty("java.class.path"),
                WgsimCommand.class.getName(), "check", "../scenarios/examples/cryptokey-routing.yaml")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM did not exit");
        assertEquals(2, p.exitValue(), err);
        List<String> lines = err.lines().toList();
        assertEquals(List.of("wgsim: -Dwgsim.aead=foo: unknown transport cipher. Allowed values: bc (Bouncy Castle), "
                + "jdk (the JDK's ChaCha20-Poly1305), or leave it unset (jdk from Java 21 on, bc before)"), lines);
    }
}
