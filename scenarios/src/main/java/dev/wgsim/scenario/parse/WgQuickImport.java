package dev.wgsim.scenario.parse;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.yaml.YNode;
import dev.wgsim.wg.config.ConfigException;
import dev.wgsim.wg.config.PeerConfig;
import dev.wgsim.wg.config.WgQuickConfig;
import dev.wgsim.wg.config.WgQuickReader;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code wireguard: {config: wg0.conf}}: a wg-quick file read by wg-model's reader, unchanged.
 * Its errors keep their own file and line; a peer whose public key is a scenario node's becomes
 * that node (so events name it).
 */
final class WgQuickImport {
    private WgQuickImport() {
    }

    static WgQuickConfig read(Path file, YNode at) {
        return read(file, file.toString(), at);
    }

    /** Reads {@code file}, naming it {@code shownAs} in errors and warnings (relative like the scenario's name). */
    static WgQuickConfig read(Path file, String shownAs, YNode at) {
        try {
            return WgQuickReader.parse(shownAs, java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
        } catch (ConfigException e) {
            String where = e.section() == null ? "" : e.section() + (e.key() == null ? "" : "." + e.key());
            // wg-quick errors are about a whole line: column 1, so the place reads file:line:1.
            throw new ScenarioException(e.file(), e.line(), e.line() > 0 ? 1 : 0, where, e.reason(), e.fix());
        } catch (IOException e) {
            throw at.error("cannot read wg-quick file " + file + " (" + e.getMessage() + ")", "Check the path.");
        }
    }

    static PeerSpec peer(PeerConfig pc, YNode at, Function<PublicKey, Optional<String>> nodeOf) {
        Optional<String> node = nodeOf.apply(pc.publicKey());
        String name = node.orElse("peer-" + pc.publicKey().toBase64().substring(0, 8).replaceAll("[^A-Za-z0-9]", "_"));
        List<IpPrefix> allowed = new ArrayList<>(pc.allowedIps());
        Optional<Endpoint> endpoint = Optional.empty();
        if (pc.endpoint() != null) {
            if (!pc.endpoint().isResolved()) {
                throw at.error("peer " + name + " has endpoint " + pc.endpoint() + ", a host name",
                        "The simulator has no DNS: write the endpoint as address:port in the .conf file.");
            }
            if (pc.endpoint().port() == 0) {
                throw at.error("peer " + name + " has endpoint " + pc.endpoint() + ", port 0", "Use a UDP port from 1 to 65535.");
            }
            endpoint = Optional.of(new Endpoint(IpAddress.fromBytes(pc.endpoint().address()), pc.endpoint().port()));
        }
        Optional<PresharedKey> psk = pc.presharedKey().isNone() ? Optional.empty() : Optional.of(pc.presharedKey());
        return new PeerSpec(name, node, node.isPresent() ? Optional.empty() : Optional.of(pc.publicKey()),
                allowed, endpoint, psk, pc.persistentKeepalive() * 1_000_000_000L);
    }
}
