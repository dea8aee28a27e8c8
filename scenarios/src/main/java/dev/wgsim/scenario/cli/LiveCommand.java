package dev.wgsim.scenario.cli;

import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpAddress;
import dev.wgsim.scenario.units.Units;
import dev.wgsim.wg.config.ConfigException;
import dev.wgsim.wg.config.WgQuickConfig;
import dev.wgsim.wg.config.WgQuickReader;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.live.IcmpEcho;
import dev.wgsim.wg.live.LiveListen;
import dev.wgsim.wg.live.LivePing;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code wgsim live}: a userspace peer from a wg-quick file pings through a real WireGuard server,
 * printing like {@code ping} ({@code --ping}); or waits for a real peer to initiate and answers
 * its pings ({@code --listen}). Exit 0 when every request was answered (or {@code --count} echoes
 * were), 1 when some were lost, the handshake never completed or the wait timed out, 2 for bad
 * input.
 */
@Command(name = "live", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Bring up a userspace WireGuard peer from a wg-quick file (ICMP echo crafted in userspace, "
                + "no TUN needed). With --ping it initiates and pings through the tunnel: checks a config against a "
                + "real server. With --listen it is the responder: it waits for a real WireGuard peer to initiate "
                + "(its [Peer] needs no Endpoint) and answers ICMP echo (IPv4 and IPv6) to its interface Address, "
                + "printing each handshake and echo.",
                "Exit codes: 0 all replies (--listen: --count echoes answered), 1 replies lost, no handshake or "
                        + "timed out, 2 bad input."},
        footerHeading = "%nExamples:%n",
        footer = {"  wgsim live --config peer.conf --ping 10.201.0.1 --count 5",
                "  wgsim live --config server.conf --listen --count 3 --timeout 2m",
                "      and on the peer that initiates: ping -c 3 <the Address in server.conf>"})
final class LiveCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "wg-quick file for our side.")
    Path config;

    @Option(names = "--ping", paramLabel = "ADDR",
            description = "IPv4 address inside the tunnel to ping, e.g. the server's Address.")
    String target;

    @Option(names = "--listen",
            description = "Responder: wait for a peer to initiate and answer echo requests to our Address.")
    boolean listen;

    @Option(names = "--count", defaultValue = "3", paramLabel = "N",
            description = "Echo requests to send, or with --listen to answer before stopping (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Between requests (default ${DEFAULT-VALUE}).")
    long intervalNanos;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Wait for the handshake, and for replies after the last request (default 5s); "
                    + "with --listen, how long to wait in all (default 60s).")
    Long timeout;

    long timeoutNanos;

    @Option(names = "--bind", paramLabel = "ADDR:PORT",
            description = "Local UDP address (default: 0.0.0.0 and the file's ListenPort, else any free port).")
    String bind;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (count < 1 || count > 65535) {
            return bad(err, "--count " + count + ": must be in 1..65535");
        }
        if (listen == (target != null)) {
            return bad(err, (listen ? "--ping and --listen exclude each other" : "nothing to do")
                    + ". Fix: give --ping ADDR to ping through a server, or --listen to answer a peer that initiates");
        }
        timeoutNanos = timeout != null ? timeout : (listen ? 60_000_000_000L : 5_000_000_000L);
        if (listen) {
            return listen(out, err);
        }
        byte[] dst;
        try {
            dst = IpAddress.parse(target).toBytes();
        } catch (IllegalArgumentException e) {
            return bad(err, "--ping " + target + ": " + e.getMessage());
        }
        if (dst.length != 4) {
            return bad(err, "--ping " + target + ": only IPv4 targets are supported");
        }
        return withConfig(err, "--bind 0.0.0.0:0", (c, local) -> {
            LivePing.Options options = new LivePing.Options(local, dst, count, intervalNanos, timeoutNanos,
                    LivePing.DEFAULT_PAYLOAD);
            LivePing.Result r = LivePing.run(config.toString(), c, options, new Printer(out, target));
            summary(out, r);
            return r.allReplied() ? WgsimCommand.OK : WgsimCommand.EXPECTATIONS_FAILED;
        });
    }

    /** What --ping and --listen do once the config is read and the local address chosen. */
    private interface ConfigBody {
        int run(WgQuickConfig c, InetSocketAddress local) throws IOException, InterruptedException, ConfigException;
    }

    /**
     * Reads --config (printing its warnings), chooses the local address, runs {@code body}; a bad
     * file, value or port is one line and exit 2, {@code bindExample} naming a --bind that would work.
     */
    private Integer withConfig(PrintWriter err, String bindExample, ConfigBody body)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(config)) {
            return bad(err, config + ": no such file. Fix: pass the wg-quick file of the peer to bring up with --config");
        }
        try {
            WgQuickConfig c = WgQuickReader.read(config);
            c.warnings().forEach(w -> err.println(w));
            err.flush();
            InetSocketAddress local = bind == null ? LivePing.defaultBind(c) : parseBind(bind);
            return body.run(c, local);
        } catch (ConfigException | IllegalArgumentException e) {
            return bad(err, e.getMessage());
        } catch (java.net.BindException e) {
            return bad(err, "cannot bind " + (bind == null ? "the ListenPort" : bind) + ": " + e.getMessage()
                    + ". Fix: pick another port with --bind, e.g. " + bindExample);
        }
    }

    private Integer listen(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        return withConfig(err, "--bind 0.0.0.0:51821 (and the peer's Endpoint with it)", (c, local) -> {
            LiveListen.Options options = new LiveListen.Options(local, count, timeoutNanos);
            LiveListen.Result r = LiveListen.run(config.toString(), c, options, new ListenPrinter(out));
            out.println("--- listen statistics ---");
            out.printf("%d handshake%s, %d echo request%s answered, %d other packet%s ignored%n",
                    r.handshakes().size(), r.handshakes().size() == 1 ? "" : "s",
                    r.echoes().size(), r.echoes().size() == 1 ? "" : "s", r.ignored(), r.ignored() == 1 ? "" : "s");
            if (r.timedOut()) {
                out.printf("timed out after %s with %d of %d echo requests answered%s%n", Units.formatDuration(timeoutNanos),
                        r.echoes().size(), count, r.handshakes().isEmpty()
                                ? ". No peer completed a handshake: check its Endpoint points at " + text(r.local())
                                        + " (reachable from it) and that it lists our public key "
                                        + c.iface().privateKey().publicKey().toBase64()
                                : "");
            }
            out.flush();
            return r.timedOut() ? WgsimCommand.EXPECTATIONS_FAILED : WgsimCommand.OK;
        });
    }

    /** {@code ADDR:PORT} or {@code [v6]:PORT}; unlike an Endpoint, port 0 (any free port) is allowed. */
    static InetSocketAddress parseBind(String text) throws IOException {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--bind " + text + ": expected ADDR:PORT, e.g. 127.0.0.1:0");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--bind " + text + ": port must be a number from 0 (any) to 65535");
        }
        if (!IpAddress.isLiteral(host)) {
            throw new IllegalArgumentException("--bind " + text + ": '" + host + "' is not an IP address");
        }
        return new InetSocketAddress(InetAddress.getByAddress(IpAddress.parse(host).toBytes()), port);
    }

    private static int bad(PrintWriter err, String message) {
        err.println(message);
        err.flush();
        return WgsimCommand.BAD_INPUT;
    }

    private void summary(PrintWriter out, LivePing.Result r) {
        if (r.handshakeNanos().isEmpty()) {
            out.printf("no handshake with %s at %s within %s (%d initiation%s sent). Check the server lists our public key %s,"
                            + " the keys and the Endpoint.%n", r.peer().toBase64(), text(r.endpoint()),
                    Units.formatDuration(timeoutNanos), r.initiations(), r.initiations() == 1 ? "" : "s",
                    ourPublicKey());
        }
        int received = r.replies().size();
        int loss = r.transmitted() == 0 ? 100 : (int) Math.round(100.0 * (r.transmitted() - received) / r.transmitted());
        out.printf("--- %s ping statistics ---%n", target);
        out.printf("%d packets transmitted, %d received, %d%% packet loss%n", r.transmitted(), received, loss);
        if (received > 0) {
            long min = Long.MAX_VALUE;
            long max = 0;
            long sum = 0;
            for (LivePing.Reply reply : r.replies()) {
                min = Math.min(min, reply.rttNanos());
                max = Math.max(max, reply.rttNanos());
                sum += reply.rttNanos();
            }
            out.printf(Locale.ROOT, "rtt min/avg/max = %.3f/%.3f/%.3f ms%n", min / 1e6, sum / 1e6 / received, max / 1e6);
        }
        out.printf("transfer: %d B received, %d B sent (as wg show counts them)%n", r.rxBytes(), r.txBytes());
        out.flush();
    }

    private String ourPublicKey() {
        try {
            return WgQuickReader.read(config).iface().privateKey().publicKey().toBase64();
        } catch (IOException | ConfigException e) {
            return "(unreadable)";
        }
    }

    static String text(InetSocketAddress a) {
        byte[] raw = a.getAddress().getAddress();
        String host = IpAddress.fromBytes(raw).toString();
        return (raw.length == 16 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Prints progress lines as {@code ping} does, while the ping runs. */
    private static final class Printer implements LivePing.Listener {
        private final PrintWriter out;
        private final String target;

        Printer(PrintWriter out, String target) {
            this.out = out;
            this.target = target;
        }

        @Override
        public void started(InetSocketAddress local, PublicKey peer, InetSocketAddress endpoint) {
            out.printf("PING %s through peer %s at %s (local UDP %s)%n", target, peer.toBase64(), text(endpoint),
                    text(local));
            out.flush();
        }

        @Override
        public void handshake(long nanos) {
            out.printf(Locale.ROOT, "handshake completed in %.3f ms%n", nanos / 1e6);
            out.flush();
        }

        @Override
        public void reply(LivePing.Reply r) {
            out.printf(Locale.ROOT, "%d bytes from %s: icmp_seq=%d time=%.2f ms%n", r.icmpBytes(), target, r.sequence(),
                    r.rttNanos() / 1e6);
            out.flush();
        }
    }

    /** Prints the responder's handshakes and echoes as they happen. */
    private static final class ListenPrinter implements LiveListen.Listener {
        private final PrintWriter out;

        ListenPrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void started(InetSocketAddress local, PublicKey ourKey, List<InterfaceAddress> addresses) {
            out.printf("LISTEN on UDP %s as %s, answering ICMP echo to %s%n", text(local), ourKey.toBase64(),
                    String.join(", ", addresses.stream().map(a -> a.address().toString()).toList()));
            out.flush();
        }

        @Override
        public void handshake(LiveListen.Handshake h) {
            out.printf("handshake with peer %s from %s (we are the %s)%n", h.peer().toBase64(),
                    h.endpoint() == null ? "?" : text(h.endpoint()), h.role());
            out.flush();
        }

        @Override
        public void echo(LiveListen.Echo e) {
            IcmpEcho.Echo q = e.request();
            out.printf("%d bytes from %s: icmp_seq=%d answered (peer %s)%n", 8 + q.payload().length,
                    IpAddress.fromBytes(q.source()).toString(), q.sequence(), e.peer().toBase64());
            out.flush();
        }
    }

    /** Durations written as in scenarios: {@code 1s}, {@code 250ms}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long n;
            try {
                n = Units.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage().replace('|', ' '));
            }
            if (n <= 0) {
                throw new CommandLine.TypeConversionException("duration '" + value + "' must be positive");
            }
            return n;
        }
    }
}
