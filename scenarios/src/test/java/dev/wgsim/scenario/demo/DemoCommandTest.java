package dev.wgsim.scenario.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.cli.WgsimCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code wgsim demo}: prints its loopback URL and serves until stopped; a bad file exits 2. */
class DemoCommandTest {

    @Test
    void printsTheLoopbackUrlAndServesThePage() throws Exception {
        StringWriter out = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> exit.set(WgsimCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter()))
                .execute("demo", DemoSessionTest.EXAMPLE.toString(), "--port", "0")));
        t.start();
        Pattern url = Pattern.compile("wgsim demo: cryptokey-routing at (http://127\\.0\\.0\\.1:\\d+/)");
        Matcher m = url.matcher("");
        for (int i = 0; i < 200 && !m.reset(out.toString()).find(); i++) {
            Thread.sleep(50);
        }
        assertTrue(m.reset(out.toString()).find(), "printed: " + out);
        HttpResponse<String> state = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(m.group(1) + "api/state")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, state.statusCode());
        assertTrue(state.body().contains("\"name\":\"wg0\""));
        t.interrupt();
        t.join(5000);
        assertEquals(0, exit.get());
    }

    @Test
    void aMissingScenarioExitsTwo() {
        StringWriter err = new StringWriter();
        int code = WgsimCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("demo", "no/such/scenario.yaml");
        assertEquals(WgsimCommand.BAD_INPUT, code, err.toString());
    }
}
