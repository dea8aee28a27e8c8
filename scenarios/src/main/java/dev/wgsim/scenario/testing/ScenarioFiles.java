package dev.wgsim.scenario.testing;

import dev.wgsim.scenario.ScenarioException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The scenario files under some paths: directories recursively, {@code *.yaml} and {@code *.yml}, sorted. */
public final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /** @throws ScenarioException when a path does not exist */
    public static List<Path> find(List<Path> paths) {
        TreeSet<Path> out = new TreeSet<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new ScenarioException(p.toString(), 0, 0, "", "no such file or directory", "Check the path.");
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(ScenarioFiles::isScenario).forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                out.add(p);
            }
        }
        return new ArrayList<>(out);
    }

    static boolean isScenario(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
    }
}
