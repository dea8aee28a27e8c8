package dev.wgsim.scenario.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's web server: the JDK's {@link HttpServer} on 127.0.0.1 only, serving the page (plain
 * HTML, CSS and JavaScript from the classpath), a JSON API over one {@link DemoSession}, and the
 * event log as server-sent events.
 *
 * <pre>
 * GET  /                          the page (also /app.js, /style.css)
 * GET  /api/state                 DemoState as JSON
 * GET  /api/log                   every kept LogEntry as a JSON array
 * GET  /api/events                text/event-stream: "log" events (one LogEntry each, id = seq)
 *                                 and "reset" when Reset empties the log
 * GET  /api/packets/{n}           the packet inspector's view of captured datagram n
 * GET  /api/capture.pcap          the session's packets at wg0's host (download)
 * GET  /api/keylog.txt            Wireshark's WireGuard keylog for that pcap (download)
 * POST /api/peers/{name}/send     also recv, roam, spoof, forge: the row's buttons; answers DemoState
 * POST /api/rekey                 {"messages": n}: wg0's REKEY_AFTER_MESSAGES, live
 * POST /api/peers                 {"name","publicKey","allowedIps","endpoint","tunnelAddress"}
 * POST /api/clock                 {"seconds": n}
 * POST /api/tailnet/devices       {"name","behind","pingTo"}: a tailnet demo's Add device
 * POST /api/tailnet/select        {"device"}: show that tailnet device's tailscale0 table
 * POST /api/tailnet/reauth        {"device"}: that device rotates its node key (re-authentication)
 * POST /api/reset
 * </pre>
 * Bad input answers 400 with {"error": sentence, "field": name}. POSTs must be JSON, every
 * request must name this server as its Host, and a request that carries an Origin header must
 * come from this server's own page: another web site open in the same browser can neither drive
 * the simulation nor read it (403). At most {@link #MAX_STREAMS} event streams are open at once
 * (each holds a thread); one more is answered 503. An unexpected failure answers 500 and prints
 * its stack trace on stderr.
 */
public final class DemoServer implements AutoCloseable {
    private static final Map<String, String[]> STATIC = Map.of(
            "/", new String[] {"demo/index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"demo/index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"demo/app.js", "text/javascript; charset=utf-8"},
            "/style.css", new String[] {"demo/style.css", "text/css; charset=utf-8"});
    private static final long SSE_PING_MILLIS = 15_000;
    /** Event streams open at once; each holds a thread while it is open. */
    static final int MAX_STREAMS = 16;

    private final DemoSession session;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger streams = new AtomicInteger();
    private volatile boolean closed;

    private DemoServer(DemoSession session, int port) throws IOException {
        this.session = session;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wgsim-demo-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts serving {@code session} on 127.0.0.1:{@code port} (0 = a free port). */
    public static DemoServer start(DemoSession session, int port) throws IOException {
        return new DemoServer(session, port);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT/} */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        // Not try-with-resources: its catch clauses would run after the exchange is closed.
        try {
            if (!hostAllowed(ex)) {
                send(ex, 403, "text/plain; charset=utf-8", "wrong Host header".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!originAllowed(ex)) {
                String origin = ex.getRequestHeaders().getFirst("Origin");
                error(ex, 403, "origin", "requests from another web site are refused ("
                        + (origin != null ? "Origin: " + origin : "Sec-Fetch-Site: "
                                + ex.getRequestHeaders().getFirst("Sec-Fetch-Site")) + "); open the demo's own page");
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (method.equals("GET")) {
                get(ex, path);
            } else if (method.equals("POST")) {
                post(ex, path);
            } else {
                error(ex, 405, "method", method + " is not used here");
            }
        } catch (DemoInputException e) {
            error(ex, 400, e.field(), e.getMessage());
        } catch (RuntimeException e) {
            System.err.println("wgsim demo: internal error on " + ex.getRequestMethod() + " " + ex.getRequestURI());
            e.printStackTrace();
            error(ex, 500, "server", "internal error: " + e);
        } finally {
            ex.close();
        }
    }

    private boolean hostAllowed(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        return host != null && (host.equals("127.0.0.1:" + port()) || host.equals("localhost:" + port()));
    }

    /**
     * No Origin (a same-origin GET, curl) or exactly this server's; "null" and any other site are
     * refused. A browser that says the request comes from another site (Sec-Fetch-Site: cross-site
     * or same-site, e.g. a link or form on another page) is refused too.
     */
    private boolean originAllowed(HttpExchange ex) {
        String site = ex.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (site != null && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"))) {
            return false;
        }
        List<String> origins = ex.getRequestHeaders().get("Origin");
        if (origins == null || origins.isEmpty()) {
            return true;
        }
        for (String o : origins) {
            if (!o.equals("http://127.0.0.1:" + port()) && !o.equals("http://localhost:" + port())) {
                return false;
            }
        }
        return true;
    }

    private void get(HttpExchange ex, String path) throws IOException {
        String[] file = STATIC.get(path);
        if (file != null) {
            byte[] body = resource(file[0]);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            send(ex, 200, file[1], body);
            return;
        }
        if (path.startsWith("/api/packets/")) {
            String n = path.substring("/api/packets/".length());
            if (!n.matches("\\d{1,9}")) {
                throw new DemoInputException("packet", "a packet number is a whole number");
            }
            sendJson(ex, 200, session.inspect(Integer.parseInt(n)));
            return;
        }
        switch (path) {
            case "/api/capture.pcap" -> download(ex, "application/vnd.tcpdump.pcap", "wgsim-demo.pcap", session.pcap());
            case "/api/keylog.txt" -> download(ex, "text/plain; charset=utf-8", "wgsim-demo.keys",
                    session.keylog().getBytes(StandardCharsets.UTF_8));
            case "/api/state" -> sendJson(ex, 200, session.state());
            case "/api/log" -> sendJson(ex, 200, session.log().entries());
            case "/api/events" -> stream(ex);
            default -> error(ex, 404, "path", "nothing at " + path);
        }
    }

    private void post(HttpExchange ex, String path) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            error(ex, 415, "content-type", "POST a JSON body (Content-Type: application/json)");
            return;
        }
        JsonNode body = readBody(ex);
        if (path.equals("/api/reset")) {
            sendJson(ex, 200, session.reset());
        } else if (path.equals("/api/clock")) {
            sendJson(ex, 200, session.advance(seconds(body.path("seconds")) * 1_000_000_000L));
        } else if (path.equals("/api/rekey")) {
            JsonNode m = body.path("messages");
            if (!m.isIntegralNumber() || !m.canConvertToLong()) {
                throw new DemoInputException("messages", "give a whole number of messages");
            }
            sendJson(ex, 200, session.rekeyAfterMessages(m.asLong()));
        } else if (path.equals("/api/tailnet/devices")) {
            sendJson(ex, 200, session.addDevice(text(body, "name"), text(body, "behind"), text(body, "pingTo")));
        } else if (path.equals("/api/tailnet/reauth")) {
            sendJson(ex, 200, session.reauthenticate(text(body, "device")));
        } else if (path.equals("/api/tailnet/select")) {
            sendJson(ex, 200, session.selectDevice(text(body, "device")));
        } else if (path.equals("/api/peers")) {
            sendJson(ex, 200, session.addPeer(new AddPeerRequest(text(body, "name"), text(body, "publicKey"),
                    text(body, "allowedIps"), text(body, "endpoint"), text(body, "tunnelAddress"))));
        } else if (path.startsWith("/api/peers/")) {
            String[] parts = path.substring("/api/peers/".length()).split("/");
            if (parts.length != 2) {
                error(ex, 404, "path", "use /api/peers/{name}/{send|recv|roam|spoof}");
                return;
            }
            DemoState s = switch (parts[1]) {
                case "send" -> session.send(parts[0]);
                case "recv" -> session.recv(parts[0]);
                case "roam" -> session.roam(parts[0]);
                case "spoof" -> session.spoof(parts[0]);
                case "forge" -> session.forge(parts[0]);
                default -> throw new DemoInputException("action", "no action '" + parts[1]
                        + "'; use send, recv, roam, spoof or forge");
            };
            sendJson(ex, 200, s);
        } else {
            error(ex, 404, "path", "nothing at " + path);
        }
    }

    /** A whole number of seconds in 1..MAX_ADVANCE (checked before any multiplication, so nothing overflows). */
    private static long seconds(JsonNode s) {
        if (!s.isIntegralNumber()) {
            throw new DemoInputException("seconds", "give a whole number of seconds");
        }
        long max = DemoSession.MAX_ADVANCE_NANOS / 1_000_000_000L;
        if (!s.canConvertToLong() || s.asLong() < 1 || s.asLong() > max) {
            throw new DemoInputException("seconds", "advance the clock by 1 to " + max + " seconds; " + s.asText()
                    + " is out of range");
        }
        return s.asLong();
    }

    private JsonNode readBody(HttpExchange ex) throws IOException {
        byte[] bytes = ex.getRequestBody().readNBytes(64 * 1024);
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new DemoInputException("body", "the request body is not JSON");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.path(field);
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
    }

    /** Server-sent events: the kept log first (or what follows Last-Event-ID), then each new entry. */
    private void stream(HttpExchange ex) throws IOException {
        if (streams.incrementAndGet() > MAX_STREAMS) {
            streams.decrementAndGet();
            ex.getResponseHeaders().set("Retry-After", "5");
            error(ex, 503, "stream", "too many open event streams (at most " + MAX_STREAMS
                    + "); close another tab of the demo");
            return;
        }
        try {
            follow(ex);
        } finally {
            streams.decrementAndGet();
        }
    }

    private void follow(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        DemoEventBuffer log = session.log();
        long generation = log.generation();
        long last = 0;
        String resume = ex.getRequestHeaders().getFirst("Last-Event-ID");
        if (resume != null && resume.matches("\\d{1,18}")) {
            last = Long.parseLong(resume);
        }
        out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            while (!closed) {
                if (log.generation() != generation) {
                    generation = log.generation();
                    out.write("event: reset\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                List<LogEntry> fresh = log.after(last);
                for (LogEntry e : fresh) {
                    out.write(("id: " + e.seq() + "\nevent: log\ndata: " + json.writeValueAsString(e) + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    last = e.seq();
                }
                if (fresh.isEmpty()) {
                    log.await(last, generation, SSE_PING_MILLIS);
                    if (log.generation() == generation && log.after(last).isEmpty()) {
                        out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
                    }
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // The page went away: the stream ends here.
        }
    }

    private byte[] resource(String name) throws IOException {
        try (InputStream in = DemoServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    private static void download(HttpExchange ex, String type, String fileName, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, 200, type, body);
    }

    private void sendJson(HttpExchange ex, int status, Object value) throws IOException {
        send(ex, status, "application/json; charset=utf-8", json.writeValueAsBytes(value));
    }

    private void error(HttpExchange ex, int status, String field, String message) throws IOException {
        sendJson(ex, status, Map.of("error", message, "field", field));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }
}
