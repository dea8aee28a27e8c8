package dev.wgsim.wg.interop;

import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real userspace WireGuard peer for interop tests: {@code wireguard-go -f wgtN} on a fresh TUN
 * interface, configured with {@code wg set} and {@code ip}, read back with {@code wg show dump}.
 *
 * <p>{@link #close()} always kills the process it started (by its PID, never by name) and removes
 * the interface; a JVM shutdown hook does the same if a test run is killed. Missing
 * {@code /dev/net/tun}, {@code wireguard-go}, {@code wg} or {@code ip} is an error, never a skip:
 * CI machines have them, so their absence must be visible.
 */
public final class WireGuardGo implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Path SOCKET_DIR = Path.of("/var/run/wireguard");

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path tempDir;
    private final Thread shutdownHook;
    private boolean closed;

    private WireGuardGo(String name, Process process, Path logFile, Path tempDir) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.tempDir = tempDir;
        this.shutdownHook = new Thread(this::kill, "kill " + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Checks the machine can run wireguard-go; throws with what is missing and how to get it. */
    public static void requireEnvironment() {
        List<String> missing = new ArrayList<>();
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            missing.add("/dev/net/tun (TUN device; needs a host or container with the tun module)");
        }
        for (String tool : List.of("wireguard-go", "wg", "ip")) {
            if (which(tool) == null) {
                missing.add(tool + " (apt-get install wireguard-go wireguard-tools iproute2)");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("interop tests need: " + String.join("; ", missing)
                    + ". .ci/run installs them; these tests fail rather than skip so CI cannot pass without them");
        }
    }

    private static Path which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Starts wireguard-go on a new interface and waits until its control socket is up. */
    public static WireGuardGo start() throws IOException, InterruptedException {
        requireEnvironment();
        // Interface names are at most 15 bytes; pid + counter keeps parallel JVMs apart.
        String name = "wgt" + (ProcessHandle.current().pid() % 100_000) + "n" + COUNTER.incrementAndGet();
        Path tempDir = Files.createTempDirectory("wgsim-" + name);
        Path log = tempDir.resolve("wireguard-go.log");
        ProcessBuilder pb = new ProcessBuilder(which("wireguard-go").toString(), "-f", name)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD", "1");
        pb.environment().put("LOG_LEVEL", "verbose");
        WireGuardGo wg = new WireGuardGo(name, pb.start(), log, tempDir);
        try {
            wg.awaitSocket();
        } catch (IOException | RuntimeException | InterruptedException e) {
            wg.close();
            throw e;
        }
        return wg;
    }

    private void awaitSocket() throws IOException, InterruptedException {
        Path sock = SOCKET_DIR.resolve(name + ".sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(sock)) {
            if (!process.isAlive()) {
                throw new IOException("wireguard-go exited with " + process.exitValue() + ": " + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("wireguard-go did not create " + sock + " within 10 s: " + log());
            }
            Thread.sleep(20);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** wireguard-go's own log (verbose). */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@code wg set <if> private-key <tempfile> listen-port <port>}. */
    public void configure(PrivateKey key, int listenPort) throws IOException, InterruptedException {
        Path keyFile = secretFile("private", key.toBase64());
        run("wg", "set", name, "private-key", keyFile.toString(), "listen-port", Integer.toString(listenPort));
    }

    /**
     * Adds or updates a peer with {@code wg set}.
     *
     * @param psk null for none
     * @param endpoint null for none, else {@code host:port}
     * @param allowedIps comma-separated, replaces the peer's list
     * @param keepalive 0 = off
     */
    public void setPeer(PublicKey peer, PresharedKey psk, String endpoint, String allowedIps, int keepalive)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wg", "set", name, "peer", peer.toBase64()));
        if (psk != null && !psk.isNone()) {
            cmd.add("preshared-key");
            cmd.add(secretFile("psk", psk.toBase64()).toString());
        }
        if (endpoint != null) {
            cmd.add("endpoint");
            cmd.add(endpoint);
        }
        cmd.add("allowed-ips");
        cmd.add(allowedIps);
        cmd.add("persistent-keepalive");
        cmd.add(keepalive == 0 ? "off" : Integer.toString(keepalive));
        run(cmd.toArray(new String[0]));
    }

    public void removePeer(PublicKey peer) throws IOException, InterruptedException {
        run("wg", "set", name, "peer", peer.toBase64(), "remove");
    }

    /** {@code ip addr add <cidr> dev <if>} then {@code ip link set <if> up}. */
    public void addressAndUp(String cidr) throws IOException, InterruptedException {
        run("ip", "addr", "add", cidr, "dev", name);
        run("ip", "link", "set", name, "up");
    }

    /** {@code wg show <if> dump}, parsed. */
    public WgDump dump() throws IOException, InterruptedException {
        return WgDump.parse(dumpText());
    }

    public String dumpText() throws IOException, InterruptedException {
        return run("wg", "show", name, "dump");
    }

    /** {@code wg show <if>} as a non-terminal sees it. */
    public String show() throws IOException, InterruptedException {
        return run("wg", "show", name);
    }

    /** Polls the dump until {@code condition} holds or the timeout passes; returns the last dump. */
    public WgDump awaitDump(java.util.function.Predicate<WgDump> condition, long timeoutMillis)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        WgDump d = dump();
        while (!condition.test(d) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            d = dump();
        }
        return d;
    }

    private Path secretFile(String prefix, String content) throws IOException {
        Path f = Files.createTempFile(tempDir, prefix, ".key",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, content + "\n", StandardCharsets.US_ASCII);
        return f;
    }

    /** Runs a command to completion (10 s at most); non-zero exit is an exception with its output. */
    public static String run(String... cmd) throws IOException, InterruptedException {
        Path exe = which(cmd[0]);
        List<String> full = new ArrayList<>(List.of(cmd));
        if (exe != null) {
            full.set(0, exe.toString());
        }
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": timed out");
            }
        } finally {
            p.getInputStream().close();
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + text);
        }
        return text;
    }

    /** True while the TUN interface exists. */
    public boolean interfaceExists() {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    private void kill() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: wireguard-go removes its interface and socket
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (interfaceExists()) {
            try {
                run("ip", "link", "del", name);
            } catch (IOException | InterruptedException e) {
                // Nothing more we can do in a shutdown path; close() reports a leftover below.
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        try (var files = Files.list(tempDir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(tempDir);
        } catch (IOException e) {
            // temp files hold test keys only
        }
        if (interfaceExists()) {
            throw new IllegalStateException("interface " + name + " still exists after wireguard-go (pid "
                    + process.pid() + ") was stopped");
        }
    }
}
