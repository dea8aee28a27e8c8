package dev.wgsim.wg.config;

import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads wg-quick {@code .conf} files as wg-quick(8) and wg(8) do: section names and keys are
 * case-insensitive, {@code #} starts a comment, {@code Address}, {@code AllowedIPs} and
 * {@code DNS} take comma-separated lists and may repeat (values accumulate).
 *
 * <p>Stricter than wg where wg would silently do something surprising: a single-valued key given
 * twice or the same peer twice are errors. One prefix in two peers' AllowedIPs is what
 * {@code wg setconf} resolves by giving it to the later peer: so does this reader, with a warning
 * naming both lines. Prefixes that merely nest (a /32 inside another peer's /24) are normal
 * cryptokey routing. A missing PrivateKey is an error (the simulator needs an identity).
 *
 * <p>The wg-quick-only keys DNS, MTU, Table, PreUp, PostUp, PreDown, PostDown, SaveConfig and wg's
 * FwMark are kept verbatim. DNS, the hooks and SaveConfig are reported as ignored; MTU, Table and
 * FwMark are checked here and applied by whoever builds the interface (the simulator does).
 */
public final class WgQuickReader {

    private static final String INTERFACE = "Interface";
    private static final String PEER = "Peer";

    private static final List<String> EXTRA_KEYS =
            List.of("DNS", "MTU", "Table", "PreUp", "PostUp", "PreDown", "PostDown", "SaveConfig", "FwMark");
    private static final List<String> INTERFACE_KEYS = List.of("PrivateKey", "ListenPort", "Address");
    private static final List<String> PEER_KEYS =
            List.of("PublicKey", "PresharedKey", "AllowedIPs", "Endpoint", "PersistentKeepalive");
    /** Interface keys that configure routing or the interface; checked here, applied by the simulator. */
    public static final Set<String> APPLIED_EXTRAS = Set.of("MTU", "Table", "FwMark");
    private static final Set<String> LIST_KEYS = Set.of("Address", "AllowedIPs", "DNS", "PreUp", "PostUp",
            "PreDown", "PostDown");

    private final String file;
    private final List<ConfigWarning> warnings = new ArrayList<>();

    // [Interface] being built
    private int interfaceLine;
    private PrivateKey privateKey;
    private int listenPort;
    private final List<InterfaceAddress> addresses = new ArrayList<>();
    private final List<ExtraSetting> extras = new ArrayList<>();

    private final List<PeerConfig> peers = new ArrayList<>();
    private final List<Integer> peerStartLines = new ArrayList<>();
    private final Map<PublicKey, Integer> peerLines = new HashMap<>();
    /** Each prefix's current owner: the index of its finished peer (or -1 for the one being read) and line. */
    private final Map<IpPrefix, int[]> prefixOwners = new HashMap<>();

    // [Peer] being built
    private int peerLine;
    private PublicKey publicKey;
    private PresharedKey presharedKey;
    private final List<IpPrefix> allowedIps = new ArrayList<>();
    private PeerEndpoint endpoint;
    private int keepalive;

    private String section;
    private final Set<String> seenKeys = new HashSet<>();

    private WgQuickReader(String file) {
        this.file = file;
    }

    /** Reads a file from disk; the error messages name it as given. */
    public static WgQuickConfig read(Path path) throws IOException, ConfigException {
        return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    /**
     * Parses the text of a config file.
     *
     * @param fileName used in error messages only
     */
    public static WgQuickConfig parse(String fileName, String text) throws ConfigException {
        return new WgQuickReader(fileName).run(text);
    }

    private WgQuickConfig run(String text) throws ConfigException {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            line(i + 1, lines[i]);
        }
        finishSection(lines.length);
        if (interfaceLine == 0) {
            throw new ConfigException(file, 0, null, null, "no [Interface] section",
                    "add an [Interface] section with at least a PrivateKey line");
        }
        InterfaceConfig iface = new InterfaceConfig(privateKey, listenPort, addresses, extras);
        return new WgQuickConfig(iface, peers, warnings, peerStartLines);
    }

    private void line(int no, String raw) throws ConfigException {
        int hash = raw.indexOf('#');
        String s = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
        if (s.isEmpty()) {
            return;
        }
        if (s.startsWith("[")) {
            if (!s.endsWith("]")) {
                throw new ConfigException(file, no, null, null, "section header '" + s + "' has no closing ]",
                        "write [Interface] or [Peer]");
            }
            String name = s.substring(1, s.length() - 1).strip();
            finishSection(no);
            if (name.equalsIgnoreCase(INTERFACE)) {
                if (interfaceLine != 0) {
                    throw new ConfigException(file, no, INTERFACE, null, "a second [Interface] section (the first is at line "
                            + interfaceLine + ")", "merge the two into one [Interface] section");
                }
                section = INTERFACE;
                interfaceLine = no;
            } else if (name.equalsIgnoreCase(PEER)) {
                section = PEER;
                peerLine = no;
            } else {
                throw new ConfigException(file, no, null, null, "unknown section [" + name + "]",
                        "only [Interface] and [Peer] sections exist");
            }
            seenKeys.clear();
            return;
        }
        int eq = s.indexOf('=');
        if (eq < 0) {
            throw new ConfigException(file, no, section, null, "line '" + s + "' is not 'Key = Value'",
                    "write the setting as Key = Value, or comment it out with #");
        }
        String writtenKey = s.substring(0, eq).strip();
        String value = s.substring(eq + 1).strip();
        if (section == null) {
            throw new ConfigException(file, no, null, writtenKey, "setting outside of any section",
                    "put it under [Interface] or [Peer]");
        }
        String key = canonical(writtenKey, no);
        if (value.isEmpty()) {
            throw new ConfigException(file, no, section, writtenKey, "empty value",
                    "give a value or remove the line");
        }
        if (!LIST_KEYS.contains(key) && !seenKeys.add(key)) {
            throw new ConfigException(file, no, section, writtenKey, "duplicate key in this section",
                    "keep only one " + key + " line in this [" + section + "] section");
        }
        if (section.equals(INTERFACE)) {
            interfaceKey(no, writtenKey, key, value);
        } else {
            peerKey(no, writtenKey, key, value);
        }
    }

    private String canonical(String written, int no) throws ConfigException {
        List<String> valid = new ArrayList<>(section.equals(INTERFACE) ? INTERFACE_KEYS : PEER_KEYS);
        if (section.equals(INTERFACE)) {
            valid.addAll(EXTRA_KEYS);
        }
        for (String k : valid) {
            if (k.equalsIgnoreCase(written)) {
                return k;
            }
        }
        String other = section.equals(INTERFACE) ? PEER : INTERFACE;
        List<String> otherKeys = other.equals(PEER) ? PEER_KEYS : INTERFACE_KEYS;
        for (String k : otherKeys) {
            if (k.equalsIgnoreCase(written)) {
                throw new ConfigException(file, no, section, written, "belongs in a [" + other + "] section",
                        "move it under [" + other + "]");
            }
        }
        throw new ConfigException(file, no, section, written, "unknown key",
                "check the spelling; valid keys in [" + section + "] are " + String.join(", ", valid));
    }

    private void interfaceKey(int no, String written, String key, String value) throws ConfigException {
        switch (key) {
            case "PrivateKey" -> privateKey = PrivateKey.of(key32(no, written, value, "private key"));
            case "ListenPort" -> listenPort = number(no, written, value, 0, 65535);
            case "Address" -> {
                for (String item : list(no, written, value)) {
                    try {
                        addresses.add(InterfaceAddress.parse(item));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(file, no, section, written, e.getMessage(),
                                "write an address with its prefix length, e.g. 10.0.0.1/24 or fd00::1/64");
                    }
                }
            }
            default -> {
                checkExtra(no, written, key, value);
                extras.add(new ExtraSetting(key, value));
                String why = switch (key) {
                    case "DNS" -> "ignored: wgsim has no resolver to configure";
                    case "SaveConfig" -> "ignored: wgsim never writes the file back";
                    case "MTU", "Table", "FwMark" -> null;
                    default -> "ignored: wgsim runs no shell hooks";
                };
                if (key.equals("Table") && value.chars().allMatch(Character::isDigit)) {
                    why = "the routes go into table " + value + ", which wg-quick adds no rule for (a PostUp usually does;"
                            + " wgsim runs none), so they steer no traffic into the tunnel";
                }
                if (why != null) {
                    warnings.add(new ConfigWarning(file, no, section, written, why));
                }
            }
        }
    }

    private void peerKey(int no, String written, String key, String value) throws ConfigException {
        switch (key) {
            case "PublicKey" -> publicKey = PublicKey.of(key32(no, written, value, "public key"));
            case "PresharedKey" -> presharedKey = PresharedKey.of(key32(no, written, value, "preshared key"));
            case "AllowedIPs" -> {
                for (String item : list(no, written, value)) {
                    IpPrefix p;
                    try {
                        p = IpPrefix.parseMasked(item); // as wg: 10.0.0.1/24 is stored as 10.0.0.0/24
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(file, no, section, written, e.getMessage(),
                                "write a prefix such as 10.0.0.2/32, 192.168.0.0/16 or fd00::/64");
                    }
                    int[] owner = prefixOwners.put(p, new int[] {-1, no});
                    if (owner == null) {
                        allowedIps.add(p);
                    } else if (owner[0] < 0) {
                        warnings.add(new ConfigWarning(file, no, section, written, p
                                + " is listed twice for this peer (also at line " + owner[1] + "); it counts once"));
                    } else {
                        // As wg setconf: inserting the prefix for this peer takes it from the earlier one.
                        PeerConfig earlier = peers.get(owner[0]);
                        List<IpPrefix> kept = new ArrayList<>(earlier.allowedIps());
                        kept.remove(p);
                        peers.set(owner[0], new PeerConfig(earlier.publicKey(), earlier.presharedKey(), kept,
                                earlier.endpoint(), earlier.persistentKeepalive()));
                        warnings.add(new ConfigWarning(file, no, section, written, p + " is also an allowed IP of the peer at line "
                                + peerStartLines.get(owner[0]) + " (listed at line " + owner[1]
                                + "); as wg setconf does, this later peer takes it"));
                        allowedIps.add(p);
                    }
                }
            }
            case "Endpoint" -> {
                try {
                    endpoint = PeerEndpoint.parse(value);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(file, no, section, written, e.getMessage(),
                            "write host:port, e.g. 192.0.2.1:51820 or [2001:db8::1]:51820");
                }
                if (!endpoint.isResolved()) {
                    warnings.add(new ConfigWarning(file, no, section, written, "'" + endpoint.host()
                            + "' is a hostname; the simulator does not resolve names, so this peer has no usable"
                            + " endpoint until it roams to us"));
                }
            }
            case "PersistentKeepalive" -> keepalive = value.equalsIgnoreCase("off")
                    ? 0 : number(no, written, value, 0, 65535);
            default -> throw new IllegalStateException("unhandled key " + key);
        }
    }

    private void finishSection(int no) throws ConfigException {
        if (PEER.equals(section)) {
            if (publicKey == null) {
                throw new ConfigException(file, peerLine, PEER, null, "missing PublicKey",
                        "add 'PublicKey = <base64 key>' to the [Peer] section starting at line " + peerLine);
            }
            Integer other = peerLines.putIfAbsent(publicKey, peerLine);
            if (other != null) {
                throw new ConfigException(file, peerLine, PEER, "PublicKey", "the same peer is already defined at line "
                        + other, "merge the two [Peer] sections");
            }
            for (int[] owner : prefixOwners.values()) {
                if (owner[0] < 0) {
                    owner[0] = peers.size();
                }
            }
            peers.add(new PeerConfig(publicKey, presharedKey, allowedIps, endpoint, keepalive));
            peerStartLines.add(peerLine);
            publicKey = null;
            presharedKey = null;
            allowedIps.clear();
            endpoint = null;
            keepalive = 0;
        } else if (INTERFACE.equals(section) && privateKey == null) {
            throw new ConfigException(file, interfaceLine, INTERFACE, null, "missing PrivateKey",
                    "add 'PrivateKey = <base64 key>' (generate one with: wg genkey)");
        }
        section = null;
    }

    /** MTU, Table and FwMark values as wg-quick accepts them; the rest are free text. */
    private void checkExtra(int no, String written, String key, String value) throws ConfigException {
        switch (key) {
            case "MTU" -> number(no, written, value, 576, 65535);
            case "Table" -> {
                if (!value.equalsIgnoreCase("off") && !value.equalsIgnoreCase("auto") && !value.equalsIgnoreCase("main")) {
                    number(no, written, value, 1, 999999);
                }
            }
            case "FwMark" -> {
                if (!value.equalsIgnoreCase("off") && parseMark(value) < 0) {
                    throw new ConfigException(file, no, section, written, "'" + value + "' is not a mark",
                            "write a number such as 51820 or 0xca6c, or off");
                }
            }
            default -> { }
        }
    }

    /** A FwMark value (decimal or 0x hex, 32 bits), 0 for off, or -1 when it is not one. */
    public static long parseMark(String value) {
        String v = value.strip();
        if (v.equalsIgnoreCase("off")) {
            return 0;
        }
        try {
            long m = v.regionMatches(true, 0, "0x", 0, 2) ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            return m >= 0 && m <= 0xffffffffL && v.length() <= 12 ? m : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private byte[] key32(int no, String written, String value, String what) throws ConfigException {
        byte[] b;
        try {
            b = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, no, section, written, "not valid base64 (" + e.getMessage() + ")",
                    "paste the " + what + " exactly as wg prints it: 44 characters ending in '='");
        }
        if (b.length != 32 || value.length() != 44) {
            throw new ConfigException(file, no, section, written, "decodes to " + b.length + " bytes, a key has 32",
                    "paste the whole " + what + " as wg prints it: 44 characters ending in '='");
        }
        return b;
    }

    private int number(int no, String written, String value, int min, int max) throws ConfigException {
        if (value.length() > 6 || !value.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(value) < min || Integer.parseInt(value) > max) {
            String extra = written.equalsIgnoreCase("PersistentKeepalive") ? " or 'off'" : "";
            throw new ConfigException(file, no, section, written, "'" + value + "' is not a number from " + min
                    + " to " + max + extra, "write a whole number between " + min + " and " + max + extra);
        }
        return Integer.parseInt(value);
    }

    private List<String> list(int no, String written, String value) throws ConfigException {
        List<String> out = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String t = item.strip();
            if (t.isEmpty()) {
                throw new ConfigException(file, no, section, written, "empty item in the list '" + value + "'",
                        "separate items with single commas, without a trailing comma");
            }
            out.add(t);
        }
        return out;
    }
}
