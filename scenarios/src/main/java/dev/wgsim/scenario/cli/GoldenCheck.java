package dev.wgsim.scenario.cli;

import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.golden.Divergence;
import dev.wgsim.scenario.golden.GoldenTraceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code wgsim run --golden FILE [--update-golden]}: compare with, or rewrite, the stored protocol trace. */
final class GoldenCheck {
    private GoldenCheck() {
    }

    /** @return false when the run diverged from the golden trace */
    static boolean apply(PrintWriter out, Path file, boolean update, List<String> actual) throws IOException {
        if (update) {
            GoldenTraceFile.write(file, actual);
            out.println("golden trace " + file + ": written (" + actual.size() + " protocol events)");
            return true;
        }
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(file.toString(), 0, 0, "", "no golden trace here",
                    "Create it with --golden " + file + " --update-golden.");
        }
        Optional<Divergence> d = GoldenTraceFile.compare(GoldenTraceFile.read(file), actual);
        if (d.isEmpty()) {
            out.println("golden trace " + file + ": matches (" + actual.size() + " protocol events)");
            return true;
        }
        out.println("golden trace " + file + ": DIFFERS\n" + d.get().describe());
        return false;
    }
}
