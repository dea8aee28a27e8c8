package dev.wgsim.scenario.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wgsim.wg.crypto.PrivateKey;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON API, the event stream and the page's files over real HTTP on loopback. */
class DemoServerTest {
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    final List<String> bodies = new ArrayList<>();
    DemoSession session;
    DemoServer server;

    @BeforeEach
    void start() throws Exception {
        session = DemoSession.open(DemoSessionTest.EXAMPLE);
        server = DemoServer.start(session, 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        bodies.add(r.body());
        return r;
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        bodies.add(r.body());
        return r;
    }

    @Test
    void bindsLoopbackOnlyOnAFreePort() {
        assertTrue(server.port() > 0);
        assertEquals("http://127.0.0.1:" + server.port() + "/", server.uri().toString());
    }

    @Test
    void servesThePageItsScriptAndStyleWithTheirTypes() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<script src=\"/app.js\"></script>"));
        assertTrue(get("/app.js").headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(get("/style.css").headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertEquals(404, get("/../pom.xml").statusCode());
        assertEquals(404, get("/api/nothing").statusCode());
    }

    @Test
    void thePageFetchesNothingFromTheNetwork() throws Exception {
        for (String file : List.of("/", "/app.js", "/style.css")) {
            String body = get(file).body();
            assertFalse(body.isEmpty(), file);
            // The SVG namespace is a name, not a fetch; anything else with a scheme would be one.
            String rest = body.replace("http://www.w3.org/2000/svg", "");
            assertFalse(rest.matches("(?s).*(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/.*"), file + " names an external URL");
            assertFalse(rest.contains("@import"), file);
        }
    }

    @Test
    void actionsAnswerTheNewStateAndBadInputAnswers400NamingTheField() throws Exception {
        JsonNode s = json.readTree(post("/api/peers/laptop/send", "{}").body());
        assertEquals(1_000_000_000L, s.path("nowNanos").asLong());
        JsonNode laptop = s.path("peers").get(0);
        assertEquals("laptop", laptop.path("name").asText());
        assertEquals(DemoSessionTest.session(session, "laptop").sendKeyBase64(), laptop.path("sessionKey").asText());
        assertEquals(DemoSessionTest.session(session, "laptop").sendCounter(), laptop.path("nonce").asLong());

        HttpResponse<String> bad = post("/api/peers", "{\"publicKey\":\"nope\",\"allowedIps\":\"10.0.0.9/32\"}");
        assertEquals(400, bad.statusCode());
        assertEquals("publicKey", json.readTree(bad.body()).path("field").asText());
        assertEquals("seconds", json.readTree(post("/api/clock", "{\"seconds\":\"ten\"}").body()).path("field").asText());
        assertEquals(400, post("/api/peers/nobody/send", "{}").statusCode());
        assertEquals(400, post("/api/peers/laptop/dance", "{}").statusCode());
        assertEquals(400, post("/api/clock", "{not json").statusCode());
        assertEquals(11_000_000_000L, json.readTree(post("/api/clock", "{\"seconds\":10}").body()).path("nowNanos").asLong());
    }

    @Test
    void postsMustBeJsonAndTheHostMustBeThisServer() throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/reset"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, form.statusCode());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /api/state HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 403 Forbidden", status);
        }
    }

    @Test
    void aRequestFromAnotherWebSiteIsRefusedAndChangesNothing() throws Exception {
        for (String origin : List.of("http://evil.example", "null", "http://127.0.0.1:" + (server.port() + 1))) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/peers/laptop/send"))
                    .header("Content-Type", "application/json").header("Origin", origin)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, r.statusCode(), origin);
            assertEquals("origin", json.readTree(r.body()).path("field").asText());
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/state"))
                    .header("Origin", origin).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, read.statusCode(), "reading the state cross-origin: " + origin);
        }
        HttpResponse<String> linked = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/keylog.txt"))
                .header("Sec-Fetch-Site", "cross-site").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, linked.statusCode(), "a link from another site to the keylog");
        assertEquals(0, session.state().nowNanos(), "no refused POST ran the clock");
        HttpResponse<String> own = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/peers/laptop/send"))
                .header("Content-Type", "application/json").header("Origin", "http://127.0.0.1:" + server.port())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, own.statusCode(), "the demo's own page may post");
        assertEquals(1_000_000_000L, session.state().nowNanos());
    }

    @Test
    void anAdvanceThatWouldOverflowIsA400WithAReason() throws Exception {
        for (String n : List.of("9223372036854775807", "-9223372036854775808", "99999999999999999999", "0", "-5", "3601")) {
            HttpResponse<String> r = post("/api/clock", "{\"seconds\":" + n + "}");
            assertEquals(400, r.statusCode(), n + ": " + r.body());
            JsonNode e = json.readTree(r.body());
            assertEquals("seconds", e.path("field").asText());
            assertTrue(e.path("error").asText().contains("1 to 3600 seconds"), e.toString());
        }
        assertEquals(0, session.state().nowNanos());
        assertEquals(3600_000_000_000L, json.readTree(post("/api/clock", "{\"seconds\":3600}").body()).path("nowNanos").asLong());
    }

    @Test
    void eventStreamsAreCappedAndOneMoreIsA503() throws Exception {
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < DemoServer.MAX_STREAMS; i++) {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/events")).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, r.statusCode(), "stream " + (i + 1));
                open.add(r.body());
                // Read up to the first entry: the server thread is then surely inside the stream.
                readUntil(new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8)), "Scenario");
            }
            HttpResponse<String> refused = get("/api/events");
            assertEquals(503, refused.statusCode());
            assertEquals("stream", json.readTree(refused.body()).path("field").asText());
            assertEquals(200, get("/api/state").statusCode(), "ordinary requests still answer");
        } finally {
            for (InputStream in : open) {
                in.close();
            }
        }
    }

    @Test
    void theEventStreamSendsTheLogThenNewEntriesAndResets() throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertTrue(readUntil(in, "Scenario cryptokey-routing loaded").startsWith("data: "));
            post("/api/peers/laptop/send", "{}");
            String handshake = readUntil(in, "HANDSHAKE with laptop");
            JsonNode entry = json.readTree(handshake.substring("data: ".length()));
            assertEquals("handshake", entry.path("kind").asText());
            assertEquals("laptop", entry.path("peer").asText());
            assertTrue(entry.path("timeNanos").asLong() > 0);
            post("/api/reset", "{}");
            assertEquals("event: reset", readUntil(in, "event: reset"));
        }
    }

    private static String readUntil(BufferedReader in, String needle) throws Exception {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.contains(needle)) {
                return line;
            }
        }
        throw new AssertionError("stream ended before " + needle);
    }

    @Test
    void noResponseEverCarriesAPrivateKey() throws Exception {
        get("/");
        get("/app.js");
        get("/style.css");
        get("/api/state");
        post("/api/peers/laptop/send", "{}");
        post("/api/peers/phone/recv", "{}");
        post("/api/peers/server/spoof", "{}");
        post("/api/peers/laptop/roam", "{}");
        post("/api/peers", "{\"name\":\"tablet\",\"allowedIps\":\"10.0.0.50/32\",\"tunnelAddress\":\"10.0.0.5\"}");
        post("/api/peers/tablet/recv", "{}");
        post("/api/peers", "{\"publicKey\":\"x\"}");
        post("/api/clock", "{\"seconds\":130}");
        post("/api/peers/laptop/send", "{}");
        get("/api/state");
        get("/api/log");
        // The packet inspector opens every captured datagram, handshakes included, with wg0's secrets.
        int inspected = 0;
        for (int i = 0; get("/api/packets/" + i).statusCode() == 200; i++) {
            inspected++;
        }
        assertTrue(inspected > 10, "inspected " + inspected);
        List<PrivateKey> keys = new ArrayList<>(session.privateKeys());
        assertEquals(5, keys.size(), "home, laptop, phone, server and the added tablet");
        // wg0's handshake ephemerals: only the keylog download (for Wireshark) may carry them.
        session.capturedKeys().forEach(m -> keys.add(m.localEphemeral()));
        assertTrue(keys.size() > 5, "handshakes were made");
        post("/api/reset", "{}");
        get("/api/log");
        for (String body : bodies) {
            for (PrivateKey k : keys) {
                byte[] raw = k.bytes();
                for (String form : List.of(k.toBase64(), java.util.Base64.getUrlEncoder().encodeToString(raw),
                        HexFormat.of().formatHex(raw), k.toBase64().substring(0, 20))) {
                    assertFalse(body.contains(form), "a response carries a private key");
                }
            }
        }
        assertTrue(bodies.stream().anyMatch(b -> b.contains(session.state().iface().publicKey())), "the scan sees keys at all");
    }
}
