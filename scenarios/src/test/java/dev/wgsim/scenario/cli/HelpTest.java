package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command explains itself: {@code wgsim COMMAND --help} and {@code wgsim help COMMAND}. */
class HelpTest {
    record Output(int code, String out, String err) {
    }

    static Output run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WgsimCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Output(code, out.toString(), err.toString());
    }

    /** The commands as the user sees them, read from the command tree itself so a new command is covered too. */
    static List<String> commands() {
        List<String> names = WgsimCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
        assertTrue(names.containsAll(List.of("run", "test", "check", "show", "report", "demo", "live")), names.toString());
        return names;
    }

    @TestFactory
    Stream<DynamicTest> everyCommandHasHelpWithEveryOptionAndAnExample() {
        return commands().stream().map(name -> DynamicTest.dynamicTest(name + " --help", () -> {
            Output o = run(name, "--help");
            assertEquals(0, o.code(), o.err());
            assertTrue(o.out().startsWith("Usage: wgsim " + name), o.out());
            assertFalse(o.out().contains("Missing required"), o.out());
            CommandLine sub = WgsimCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                    .getSubcommands().get(name);
            List<ArgSpec> args = sub.getCommandSpec().args();
            assertFalse(args.isEmpty());
            for (ArgSpec a : args) {
                String shown = a instanceof OptionSpec opt ? opt.longestName() : a.paramLabel();
                assertTrue(o.out().contains(shown), name + " --help does not show " + shown);
                assertTrue(a.description().length > 0 && !a.description()[0].isBlank(), name + ": " + shown + " has no description");
            }
            int examples = o.out().indexOf("Example");
            assertTrue(examples > 0, name + " --help has no example");
            assertTrue(o.out().substring(examples).contains("wgsim " + name + " "), "the example runs " + name);
            assertEquals(o.out(), run("help", name).out(), "wgsim help " + name + " prints the same");
            // picocli passes descriptions through String.format; a bare '%' makes it print a warning
            // on the JVM's stderr and show the text unformatted.
            List<String> texts = new java.util.ArrayList<>(List.of(sub.getCommandSpec().usageMessage().description()));
            args.forEach(a -> texts.addAll(List.of(a.description())));
            assertFalse(texts.isEmpty());
            for (String t : texts) {
                assertDoesNotThrow(() -> String.format(t), name + ": '%' not escaped as '%%' in: " + t);
            }
        }));
    }

    @Test
    void bareWgsimListsEveryCommandAndExits2() {
        Output o = run();
        assertEquals(2, o.code());
        for (String name : commands()) {
            assertTrue(o.err().contains("\n  " + name + " "), "bare wgsim lists " + name + ":\n" + o.err());
        }
        assertTrue(o.err().contains("Missing a command"), o.err());
        Output help = run("help");
        assertEquals(0, help.code());
        for (String name : commands()) {
            assertTrue(help.out().contains("\n  " + name + " "), "wgsim help lists " + name);
        }
    }

    @Test
    void versionNamesTheBuildCommitAndJvm() {
        Output o = run("--version");
        assertEquals(0, o.code());
        assertTrue(o.out().startsWith("wgsim " + BuildInfo.current().version() + " (commit "), o.out());
        assertTrue(BuildInfo.current().commit().matches("[0-9a-f]{40}|unknown"), BuildInfo.current().commit());
        assertTrue(o.out().contains("Java " + System.getProperty("java.version")), o.out());
        assertTrue(o.out().contains("transport cipher: " + dev.wgsim.wg.crypto.TransportAeads.describeDefault()), o.out());
    }
}
