package dev.wgsim.scenario.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wgsim report DIR}: re-render charts and report.html from a results folder. */
@Command(name = "report", description = "Re-render charts and report.html from a results folder.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(dir.resolve("summary.json"))) {
            spec.commandLine().getErr().println(dir + ": not a results folder (no summary.json). Give the folder `wgsim run` wrote.");
            return WgsimCommand.BAD_INPUT;
        }
        if (!Reports.available()) {
            spec.commandLine().getErr().println("report: the reports module is not part of this build yet; " + dir + " is unchanged.");
            return WgsimCommand.BAD_INPUT;
        }
        Reports.renderer().render(dir);
        spec.commandLine().getOut().println("rendered " + dir.resolve("report.html"));
        return WgsimCommand.OK;
    }
}
