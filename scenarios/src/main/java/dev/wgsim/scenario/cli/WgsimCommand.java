package dev.wgsim.scenario.cli;

import dev.wgsim.scenario.ScenarioException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wgsim}: exit codes 0 ok, 1 expectations failed, 2 bad input. */
@Command(name = "wgsim", mixinStandardHelpOptions = true, version = "wgsim 0.1.0",
        description = "Discrete-event simulator for multi-peer WireGuard topologies.",
        subcommands = {RunCommand.class, TestCommand.class, CheckCommand.class, ShowCommand.class, ReportCommand.class,
                dev.wgsim.scenario.demo.DemoCommand.class, LiveCommand.class})
public final class WgsimCommand implements Runnable {
    public static final int OK = 0;
    public static final int EXPECTATIONS_FAILED = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: run, test, check, show or report.");
    }

    /** A configured command line: scenario errors print as {@code file:line:col: field: reason. fix} and exit 2. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new WgsimCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> BAD_INPUT);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ScenarioException se) {
                cmd.getErr().println(se.getMessage());
                cmd.getErr().flush();
                return BAD_INPUT;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println(ex.getMessage());
            ex.getCommandLine().getErr().flush();
            return BAD_INPUT;
        });
        return cl;
    }

    public static void main(String[] args) {
        // Charts render off-screen; the application, not the chart library, decides this JVM-wide setting.
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(commandLine(out, err).execute(args));
    }
}
