package dev.wgsim.scenario.cli;

import dev.wgsim.scenario.units.Units;
import dev.wgsim.wg.config.ConfigException;
import dev.wgsim.wg.config.WgQuickConfig;
import dev.wgsim.wg.config.WgQuickReader;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.live.LivePing;
import dev.wgsim.wg.routing.IpAddressText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wgsim live}: a userspace peer from a wg-quick file pings through a real WireGuard server,
 * printing like {@code ping}. Exit 0 when every request was answered, 1 when some were lost or the
 * handshake never completed, 2 for bad input.
 */
@Command(name = "live", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Bring up a userspace WireGuard peer from a wg-quick file and ping through the tunnel "
                + "(ICMP echo crafted in userspace, no TUN needed): checks a config against a real server.",
                "Exit codes: 0 all replies, 1 replies lost or no handshake, 2 bad input."},
        footerHeading = "%nExample:%n", footer = "  wgsim live --config peer.conf --ping 10.201.0.1 --count 5")
final class LiveCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "wg-quick file for our side.")
    Path config;

    @Option(names = "--ping", required = true, paramLabel = "ADDR",
            description = "IPv4 address inside the tunnel to ping, e.g. the server's Address.")
    String target;

    @Option(names = "--count", defaultValue = "3", paramLabel = "N", description = "Echo requests (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Between requests (default ${DEFAULT-VALUE}).")
    long intervalNanos;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Wait for the handshake, and for replies after the last request (default ${DEFAULT-VALUE}).")
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
        byte[] dst;
        try {
            dst = IpAddressText.parse(target);
        } catch (IllegalArgumentException e) {
            return bad(err, "--ping " + target + ": " + e.getMessage());
        }
        if (dst.length != 4) {
            return bad(err, "--ping " + target + ": only IPv4 targets are supported");
        }
        if (!Files.isRegularFile(config)) {
            return bad(err, config + ": no such file. Fix: pass the wg-quick file of the peer to bring up with --config");
        }
        try {
            WgQuickConfig c = WgQuickReader.read(config);
            c.warnings().forEach(w -> err.println(w));
            InetSocketAddress local = bind == null ? LivePing.defaultBind(c) : parseBind(bind);
            LivePing.Options options = new LivePing.Options(local, dst, count, intervalNanos, timeoutNanos,
                    LivePing.DEFAULT_PAYLOAD);
            LivePing.Result r = LivePing.run(config.toString(), c, options, new Printer(out, target));
            summary(out, r);
            return r.allReplied() ? WgsimCommand.OK : WgsimCommand.EXPECTATIONS_FAILED;
        } catch (ConfigException e) {
            return bad(err, e.getMessage());
        } catch (IllegalArgumentException e) {
            return bad(err, e.getMessage());
        } catch (java.net.BindException e) {
            return bad(err, "cannot bind " + (bind == null ? "the ListenPort" : bind) + ": " + e.getMessage()
                    + ". Fix: pick another port with --bind, e.g. --bind 0.0.0.0:0");
        }
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
        if (!IpAddressText.isLiteral(host)) {
            throw new IllegalArgumentException("--bind " + text + ": '" + host + "' is not an IP address");
        }
        return new InetSocketAddress(InetAddress.getByAddress(IpAddressText.parse(host)), port);
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
        String host = IpAddressText.format(raw);
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
