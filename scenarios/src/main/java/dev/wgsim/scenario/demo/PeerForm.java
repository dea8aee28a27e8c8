package dev.wgsim.scenario.demo;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.scenario.model.Key32;
import dev.wgsim.scenario.parse.AddressSyntax;
import dev.wgsim.scenario.parse.KeyDerivation;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Add peer form checked against wg0's current table. Only reads: the first problem throws a
 * {@link DemoInputException} naming its field, so a rejected form changes nothing.
 */
final class PeerForm {
    private PeerForm() {
    }

    /** What {@link Table#holderOf} answers for the interface's own key. */
    static final String SELF = "the interface itself";

    /** What wg0's side looks like now, as far as the checks need it. */
    interface Table {
        boolean nameTaken(String name);

        /** {@link #SELF}, a peer's name, or null when nobody holds {@code key}. */
        String holderOf(PublicKey key);

        /** Every allowed-IPs prefix of every peer, with its owner's name. */
        Map<IpPrefix, String> ownedPrefixes();

        /** Whether a host of the simulation already has this outer address. */
        boolean outerAddressInUse(IpAddress a);

        /** Whether wg0 or a peer already sends from this inner address. */
        boolean innerAddressInUse(IpAddress a);

        /** A free inner address in wg0's subnet. */
        IpAddress freeInnerAddress();
    }

    /**
     * A form that passed.
     *
     * @param privateKey    present when the key was generated (the new peer gets a simulated device)
     * @param tunnelAddress the address the simulated device sends from; null for a pasted key
     */
    record Checked(String name, PublicKey publicKey, Optional<Key32> privateKey, List<IpPrefix> allowedIps,
                   Optional<Endpoint> endpoint, IpAddress tunnelAddress) {}

    /** Checks {@code req}; a generated key is derived from the seed and the name (deterministic). */
    static Checked check(AddPeerRequest req, Table table, long seed, String defaultName) {
        String name = req.name().isEmpty() ? defaultName : req.name();
        if (!name.matches("[a-z][a-z0-9-]{0,19}")) {
            throw new DemoInputException("name", "a name is 1-20 lower-case letters, digits or '-', starting with a letter");
        }
        if (table.nameTaken(name)) {
            throw new DemoInputException("name", "'" + name + "' is already taken; choose another name");
        }
        boolean generate = req.publicKey().isEmpty();
        Optional<Key32> privateKey = Optional.empty();
        PublicKey publicKey;
        if (generate) {
            privateKey = Optional.of(KeyDerivation.privateKey(seed, "demo/peer/" + name));
            publicKey = PrivateKey.of(privateKey.get().bytes()).publicKey();
        } else {
            try {
                publicKey = PublicKey.of(Key32.parseBase64(req.publicKey()).bytes());
            } catch (IllegalArgumentException e) {
                throw new DemoInputException("publicKey", sentence(e));
            }
        }
        String holder = table.holderOf(publicKey);
        if (holder != null) {
            throw new DemoInputException("publicKey", holder.equals(SELF) ? "that is the interface's own public key"
                    : "that key is already peer " + holder);
        }
        List<IpPrefix> allowed = allowedIps(req.allowedIps(), table.ownedPrefixes());
        Optional<Endpoint> endpoint = Optional.empty();
        if (!req.endpoint().isEmpty()) {
            try {
                endpoint = Optional.of(AddressSyntax.endpoint(req.endpoint()));
            } catch (IllegalArgumentException e) {
                throw new DemoInputException("endpoint", sentence(e));
            }
            if (generate && table.outerAddressInUse(endpoint.get().address())) {
                throw new DemoInputException("endpoint", endpoint.get().address() + " is already another host's address");
            }
        }
        IpAddress inner = null;
        if (generate) {
            inner = tunnelAddress(req.tunnelAddress(), allowed, table);
        } else if (!req.tunnelAddress().isEmpty()) {
            throw new DemoInputException("tunnelAddress", "only a peer with a generated key is simulated and sends from an"
                    + " address; leave this empty for a pasted key");
        }
        return new Checked(name, publicKey, privateKey, allowed, endpoint, inner);
    }

    private static List<IpPrefix> allowedIps(String text, Map<IpPrefix, String> owned) {
        List<IpPrefix> out = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            IpPrefix p;
            try {
                p = AddressSyntax.prefix(part);
            } catch (IllegalArgumentException e) {
                throw new DemoInputException("allowedIps", sentence(e));
            }
            // Nested prefixes are fine (10.0.0.0/24 beside 10.0.0.2/32: the longest match wins, as
            // in wg). The exact same prefix on two peers is refused: `wg set` would silently move it.
            String owner = owned.get(p);
            if (owner != null) {
                throw new DemoInputException("allowedIps", p + " is already " + owner + "'s; the demo refuses the same"
                        + " prefix on two peers (wg set would move it away from " + owner + "). A wider or narrower"
                        + " prefix may nest: the longest match wins");
            }
            if (out.contains(p)) {
                throw new DemoInputException("allowedIps", p + " is given twice");
            }
            out.add(p);
        }
        return out;
    }

    /** As typed; else the first address the allowed IPs cover; else a free one in wg0's subnet. */
    private static IpAddress tunnelAddress(String text, List<IpPrefix> allowed, Table table) {
        if (!text.isEmpty()) {
            IpAddress a;
            try {
                a = AddressSyntax.address(text);
            } catch (IllegalArgumentException e) {
                throw new DemoInputException("tunnelAddress", sentence(e));
            }
            if (table.innerAddressInUse(a)) {
                throw new DemoInputException("tunnelAddress", a + " is already used inside the tunnel");
            }
            return a;
        }
        for (IpPrefix p : allowed) {
            IpAddress first = firstHost(p);
            if (!table.innerAddressInUse(first)) {
                return first;
            }
        }
        return table.freeInnerAddress();
    }

    /** The prefix's address for a host prefix, else its first address after the network address. */
    static IpAddress firstHost(IpPrefix p) {
        return p.length() == p.address().bitLength() ? p.address() : p.address().plus(1);
    }

    /** A parser message in the {@code reason|fix} form as one sentence for the form. */
    static String sentence(IllegalArgumentException e) {
        String m = e.getMessage() == null ? "invalid" : e.getMessage();
        int bar = m.indexOf('|');
        return bar < 0 ? m : m.substring(0, bar) + ". " + m.substring(bar + 1);
    }
}
