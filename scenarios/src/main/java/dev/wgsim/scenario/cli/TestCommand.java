package dev.wgsim.scenario.cli;

import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.expect.JUnitXml;
import dev.wgsim.scenario.expect.Outcome;
import dev.wgsim.scenario.expect.SuiteResult;
import dev.wgsim.scenario.testing.ScenarioFiles;
import dev.wgsim.scenario.testing.ScenarioRun;
import dev.wgsim.scenario.testing.Wgsim;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wgsim test PATH... [--junit FILE] [-j N] [--set path=value]...}: runs every scenario file
 * under the paths (each in its own simulation, in parallel), prints one line per expectation and
 * exits 0 when all pass, 1 when one fails, 2 when a file is bad input.
 */
@Command(name = "test", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = {"Run every scenario file under the paths (in parallel) and check their expectations: one line each.",
                "Exit codes: 0 all passed, 1 an expectation failed, 2 a file is bad input."},
        footerHeading = "%nExamples:%n",
        footer = {"  wgsim test scenarios/regression",
                "  wgsim test scenarios/examples scenarios/regression -j 2 --junit target/wgsim-junit.xml"})
final class TestCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files or directories (searched for *.yaml, *.yml).")
    List<Path> paths;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML (one testsuite per file) to FILE.")
    Path junit;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Scenarios run at once (default: the number of cores).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--set", paramLabel = "path=value", description = "Override a value in every file (repeatable).")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files = ScenarioFiles.find(paths);
        if (files.isEmpty()) {
            throw new ScenarioException(paths.get(0).toString(), 0, 0, "", "no scenario files (*.yaml, *.yml) found",
                    "Name a scenario file or a directory that holds some.");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, files.size())));
        List<SuiteResult> results = new ArrayList<>();
        try {
            List<Future<SuiteResult>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> runOne(f)));
            }
            for (Future<SuiteResult> fu : futures) { // printed in file order, whatever order they finish in
                SuiteResult r = get(fu);
                results.add(r);
                print(out, r);
            }
        } finally {
            pool.shutdownNow();
        }
        long failed = results.stream().mapToLong(SuiteResult::failures).sum();
        long bad = results.stream().filter(r -> r.error().isPresent()).count();
        long total = results.stream().mapToLong(r -> r.outcomes().size()).sum();
        out.printf("%d scenario file%s, %d expectations: %d passed, %d failed%s%n", files.size(), files.size() == 1 ? "" : "s",
                total, total - failed, failed, bad > 0 ? ", " + bad + " file" + (bad == 1 ? "" : "s") + " with bad input" : "");
        if (junit != null) {
            JUnitXml.write(junit, results);
            out.println("JUnit XML: " + junit);
        }
        out.flush();
        return bad > 0 ? WgsimCommand.BAD_INPUT : failed > 0 ? WgsimCommand.EXPECTATIONS_FAILED : WgsimCommand.OK;
    }

    private SuiteResult runOne(Path f) {
        try {
            ScenarioRun run = Wgsim.verdicts(f, sets); // expectations as the run goes: no event kept
            return new SuiteResult(f.toString(), run.scenario().name(), run.scenario().seed(), run.outcomes(), run.wallNanos(),
                    Optional.empty());
        } catch (ScenarioException e) {
            return SuiteResult.badInput(f.toString(), e.getMessage());
        }
    }

    private static SuiteResult get(Future<SuiteResult> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private static void print(PrintWriter out, SuiteResult r) {
        if (r.error().isPresent()) {
            out.println("ERROR " + r.file() + ": " + r.error().get());
            return;
        }
        if (r.outcomes().isEmpty()) {
            out.println("NONE  " + r.file() + ": no expectations");
        }
        for (Outcome o : r.outcomes()) {
            out.println((o.passed() ? "PASS  " : "FAIL  ") + r.file() + ": " + o.text() + " - " + o.message());
            if (!o.passed()) {
                for (String line : o.context()) {
                    out.println("        " + line);
                }
            }
        }
    }
}
