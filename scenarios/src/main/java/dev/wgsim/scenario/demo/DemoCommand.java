package dev.wgsim.scenario.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wgsim demo [SCENARIO] [--port N]}: the interactive cryptokey-routing page on 127.0.0.1. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {
        "Serve an interactive page over a live simulation of SCENARIO on 127.0.0.1 (no browser is opened).",
        "Its virtual clock moves only when you click: Send, Recv, Roam, Add peer, +1 s / +10 s / +2 min.",
        "A scenario with a tailnet: block shows each device's tailscale0 table as the coordination server fills it,",
        "with the path to every peer (DERP region or direct), Play, Add device and Re-authenticate."},
        footerHeading = "%nExamples:%n",
        footer = {"  wgsim demo", "  wgsim demo scenarios/examples/cryptokey-routing.yaml --port 8080",
                "  wgsim demo scenarios/examples/tailnet.yaml"})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "Scenario YAML file (default: ${DEFAULT-VALUE}).")
    Path file = Path.of("scenarios/examples/cryptokey-routing.yaml");

    @Option(names = "--port", paramLabel = "N", description = "TCP port on 127.0.0.1 (default: 0, a free one).")
    int port;

    @Override
    public Integer call() throws Exception {
        DemoSession session = DemoSession.open(file);
        DemoServer server = DemoServer.start(session, port);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wgsim demo: " + session.state().scenario() + " at " + server.uri() + "  (Ctrl-C to stop)");
        out.flush();
        Thread hook = new Thread(server::close, "wgsim-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            new CountDownLatch(1).await(); // serve until Ctrl-C (or, in tests, an interrupt)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: nothing left to undo.
            }
        }
        return 0;
    }
}
