package dev.wgsim.wg.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The tries against a naive router: a list of (prefix, peer) searched for the longest match, as
 * wireguard-go's allowedips_rand_test.go does. Addresses are drawn from a few crowded regions so
 * prefixes overlap, nest and split branch nodes often.
 */
class AllowedIpsProperties {

    sealed interface Op permits Insert, Remove, RemovePeer, Lookup {
    }

    record Insert(IpPrefix prefix, int peer) implements Op {
    }

    record Remove(IpPrefix prefix) implements Op {
    }

    record RemovePeer(int peer) implements Op {
    }

    record Lookup(byte[] address) implements Op {
        @Override
        public String toString() {
            return "Lookup[" + IpAddress.fromBytes(address).toString() + "]";
        }
    }

    /** Longest-prefix match by brute force; the map keeps insertion order with move-to-end. */
    static final class NaiveRouter {
        final LinkedHashMap<IpPrefix, Integer> entries = new LinkedHashMap<>();

        void insert(IpPrefix p, int peer) {
            entries.remove(p);
            entries.put(p, peer);
        }

        Integer lookup(byte[] addr) {
            Integer best = null;
            int bestBits = -1;
            for (Map.Entry<IpPrefix, Integer> e : entries.entrySet()) {
                if (e.getKey().contains(IpAddress.fromBytes(addr)) && e.getKey().length() > bestBits) {
                    best = e.getValue();
                    bestBits = e.getKey().length();
                }
            }
            return best;
        }

        List<IpPrefix> prefixesOf(int peer) {
            List<IpPrefix> out = new ArrayList<>();
            entries.forEach((p, owner) -> {
                if (owner == peer) {
                    out.add(p);
                }
            });
            return out;
        }
    }

    private static final int PEERS = 6;

    @Property(tries = 200, seed = "8220", edgeCases = EdgeCasesMode.NONE)
    void trieAgreesWithNaiveRouter(@ForAll("operations") List<Op> ops) {
        AllowedIps<Integer> trie = new AllowedIps<>();
        NaiveRouter naive = new NaiveRouter();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            String where = "op " + i + " " + op;
            if (op instanceof Insert ins) {
                trie.insert(ins.prefix(), ins.peer());
                naive.insert(ins.prefix(), ins.peer());
            } else if (op instanceof Remove rem) {
                assertEquals(naive.entries.remove(rem.prefix()), trie.remove(rem.prefix()), where);
            } else if (op instanceof RemovePeer rp) {
                List<IpPrefix> gone = naive.prefixesOf(rp.peer());
                gone.forEach(naive.entries::remove);
                assertEquals(gone.size(), trie.removePeer(rp.peer()), where);
            } else if (op instanceof Lookup lk) {
                assertEquals(naive.lookup(lk.address()), trie.lookup(lk.address()), where);
            }
            assertEquals(naive.entries.size(), trie.size(), where);
        }
        for (int p = 0; p < PEERS; p++) {
            assertEquals(naive.prefixesOf(p), trie.prefixesOf(p), "prefixes of " + p);
        }
        // After all that churn, the first and last address of every stored prefix still route right.
        naive.entries.forEach((p, owner) -> {
            byte[] first = p.address().toBytes();
            byte[] last = lastAddress(p);
            assertEquals(naive.lookup(first), trie.lookup(first), "first of " + p);
            assertEquals(naive.lookup(last), trie.lookup(last), "last of " + p);
        });
    }

    private static byte[] lastAddress(IpPrefix p) {
        byte[] a = p.address().toBytes();
        for (int i = 0; i < a.length; i++) {
            int hostBits = Math.min(8, Math.max(0, (i + 1) * 8 - p.length()));
            a[i] |= (byte) ((1 << hostBits) - 1);
        }
        return a;
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> peer = Arbitraries.integers().between(0, PEERS - 1);
        Arbitrary<IpPrefix> prefix = Arbitraries.oneOf(v4Prefix(), v4Prefix(), v6Prefix());
        Arbitrary<byte[]> address = Arbitraries.oneOf(v4Address(), v4Address(), v6Address());
        Arbitrary<Op> insert = Combinators.combine(prefix, peer).as(Insert::new);
        Arbitrary<Op> remove = prefix.map(Remove::new);
        Arbitrary<Op> removePeer = peer.map(RemovePeer::new);
        Arbitrary<Op> lookup = address.map(Lookup::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(8, insert),
                        net.jqwik.api.Tuple.of(2, remove),
                        net.jqwik.api.Tuple.of(1, removePeer),
                        net.jqwik.api.Tuple.of(10, lookup))
                .list().ofMinSize(1).ofMaxSize(250);
    }

    private static Arbitrary<byte[]> v4Address() {
        Arbitrary<Integer> first = Arbitraries.of(10, 10, 192, 0, 255, 128, 64);
        Arbitrary<Integer> second = Arbitraries.oneOf(Arbitraries.of(0, 1, 168), Arbitraries.integers().between(0, 255));
        Arbitrary<Integer> rest = Arbitraries.oneOf(Arbitraries.of(0, 1, 255), Arbitraries.integers().between(0, 255));
        return Combinators.combine(first, second, rest, rest)
                .as((a, b, c, d) -> new byte[] {a.byteValue(), b.byteValue(), c.byteValue(), d.byteValue()});
    }

    private static Arbitrary<IpPrefix> v4Prefix() {
        return Combinators.combine(v4Address(), Arbitraries.integers().between(0, 32))
                .as((a, bits) -> IpPrefix.masked(IpAddress.fromBytes(a), bits));
    }

    private static Arbitrary<byte[]> v6Address() {
        Arbitrary<Integer> top = Arbitraries.of(0x2001, 0x2404, 0xfd00, 0x0000);
        Arbitrary<Integer> word = Arbitraries.oneOf(Arbitraries.of(0, 1, 0xffff), Arbitraries.integers().between(0, 0xffff));
        return Combinators.combine(top, word, word, word.list().ofSize(6)).as((t, w1, w2, more) -> {
            byte[] b = new byte[16];
            int[] words = {t, w1, w2, more.get(0), more.get(1), more.get(2), more.get(3), more.get(4)};
            // Last word from the list too, so host routes vary in their final bits.
            words[7] = more.get(5);
            for (int i = 0; i < 8; i++) {
                b[2 * i] = (byte) (words[i] >>> 8);
                b[2 * i + 1] = (byte) words[i];
            }
            return b;
        });
    }

    private static Arbitrary<IpPrefix> v6Prefix() {
        return Combinators.combine(v6Address(), Arbitraries.oneOf(
                Arbitraries.integers().between(0, 128), Arbitraries.of(0, 16, 32, 48, 64, 127, 128)))
                .as((a, bits) -> IpPrefix.masked(IpAddress.fromBytes(a), bits));
    }
}
