package dev.wgsim.wg.routing;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cryptokey routing table (WIREGUARD.md §8.2): two path-compressed binary tries, IPv4 and
 * IPv6, mapping prefixes (net-types' {@link IpPrefix}, host bits cleared as both WireGuard
 * implementations store them) to peers by longest-prefix match. A prefix belongs to at most one
 * peer: inserting it again moves it.
 *
 * <p>{@link #prefixesOf} lists a peer's prefixes in the order {@code wg show} prints them: both
 * wireguard-go and the kernel keep a per-peer list appended on insert (re-inserting an existing
 * prefix moves it to the end) and dump that list. Lookups allocate nothing. Not thread-safe.
 *
 * @param <P> the peer type; compared with {@code equals}
 */
public final class AllowedIps<P> {

    private static final class Node<P> {
        final long hi;
        final long lo;
        final int cidr;
        final IpPrefix prefix;
        Node<P> parent;
        Node<P> zero;
        Node<P> one;
        P peer;

        Node(long hi, long lo, int cidr, IpPrefix prefix) {
            this.hi = hi;
            this.lo = lo;
            this.cidr = cidr;
            this.prefix = prefix;
        }
    }

    private Node<P> root4;
    private Node<P> root6;
    private final Map<P, LinkedHashSet<Node<P>>> byPeer = new HashMap<>();
    private int size;

    /**
     * Maps {@code prefix} to {@code peer}, moving it from its previous owner if any.
     *
     * @return the previous owner, or null
     */
    public P insert(IpPrefix prefix, P peer) {
        if (prefix == null || peer == null) {
            throw new IllegalArgumentException("prefix and peer must not be null");
        }
        Node<P> node = place(prefix);
        P previous = node.peer;
        if (previous != null) {
            byPeer.get(previous).remove(node);
            if (byPeer.get(previous).isEmpty()) {
                byPeer.remove(previous);
            }
        } else {
            size++;
        }
        node.peer = peer;
        byPeer.computeIfAbsent(peer, p -> new LinkedHashSet<>()).add(node);
        return previous;
    }

    /**
     * Removes one prefix, whichever peer owns it.
     *
     * @return its former owner, or null if the prefix was not in the table
     */
    public P remove(IpPrefix prefix) {
        Node<P> node = find(prefix);
        if (node == null || node.peer == null) {
            return null;
        }
        P owner = node.peer;
        Set<Node<P>> list = byPeer.get(owner);
        list.remove(node);
        if (list.isEmpty()) {
            byPeer.remove(owner);
        }
        unlink(node, prefix.isV6());
        return owner;
    }

    /**
     * Removes every prefix of {@code peer}.
     *
     * @return how many prefixes were removed
     */
    public int removePeer(P peer) {
        Set<Node<P>> nodes = byPeer.remove(peer);
        if (nodes == null) {
            return 0;
        }
        for (Node<P> n : nodes) {
            unlink(n, n.prefix.isV6());
        }
        return nodes.size();
    }

    /** The peer whose longest prefix contains {@code address} (4 or 16 bytes), or null. */
    public P lookup(byte[] address) {
        return lookup(address, 0, address.length);
    }

    /**
     * Allocation-free lookup of an address inside a buffer, e.g. the source address of an inner
     * IP packet ({@code lookup(packet, 12, 4)} for IPv4, {@code lookup(packet, 8, 16)} for IPv6).
     */
    public P lookup(byte[] buffer, int offset, int length) {
        if (length == 4) {
            return lookup(root4, highOf(buffer, offset, 4), 0);
        }
        if (length == 16) {
            return lookup(root6, highOf(buffer, offset, 16), lowOf(buffer, offset, 16));
        }
        throw new IllegalArgumentException("an IP address has 4 or 16 bytes, got " + length);
    }

    /** An IPv4 address as an int (network order: first octet in the top byte). */
    public P lookupV4(int address) {
        return lookup(root4, (address & 0xffffffffL) << 32, 0);
    }

    /** An IPv6 address as two longs, most significant first. */
    public P lookupV6(long high, long low) {
        return lookup(root6, high, low);
    }

    private static <P> P lookup(Node<P> node, long hi, long lo) {
        P found = null;
        while (node != null && commonBits(node.hi, node.lo, hi, lo) >= node.cidr) {
            if (node.peer != null) {
                found = node.peer;
            }
            node = bitAt(hi, lo, node.cidr) == 0 ? node.zero : node.one;
        }
        return found;
    }

    /** The prefixes of {@code peer} in {@code wg show} order (unmodifiable, a snapshot). */
    public List<IpPrefix> prefixesOf(P peer) {
        Set<Node<P>> nodes = byPeer.get(peer);
        if (nodes == null) {
            return List.of();
        }
        List<IpPrefix> out = new ArrayList<>(nodes.size());
        for (Node<P> n : nodes) {
            out.add(n.prefix);
        }
        return List.copyOf(out);
    }

    /** The owner of exactly this prefix, or null. */
    public P ownerOf(IpPrefix prefix) {
        Node<P> n = find(prefix);
        return n == null ? null : n.peer;
    }

    /** Number of prefixes in the table. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Removes everything. */
    public void clear() {
        root4 = null;
        root6 = null;
        byPeer.clear();
        size = 0;
    }

    /** The exact node for the prefix, creating it (and any branch node) if missing. */
    private Node<P> place(IpPrefix prefix) {
        boolean v6 = prefix.isV6();
        long hi = high(prefix.address());
        long lo = low(prefix.address());
        int cidr = prefix.length();
        Node<P> parent = null;
        Node<P> node = v6 ? root6 : root4;
        while (true) {
            if (node == null) {
                Node<P> leaf = new Node<>(hi, lo, cidr, prefix);
                attach(parent, leaf, v6);
                return leaf;
            }
            int common = Math.min(commonBits(node.hi, node.lo, hi, lo), Math.min(node.cidr, cidr));
            if (common == node.cidr) {
                if (node.cidr == cidr) {
                    return node;
                }
                parent = node;
                node = bitAt(hi, lo, node.cidr) == 0 ? node.zero : node.one;
                continue;
            }
            Node<P> fresh = new Node<>(hi, lo, cidr, prefix);
            if (common == cidr) {
                // The new prefix is an ancestor of node: slot it in between.
                attach(parent, fresh, v6);
                setChild(fresh, node);
                return fresh;
            }
            // The two prefixes diverge below 'common': a branch node without a peer joins them.
            long bhi = maskHigh(hi, common);
            long blo = maskLow(lo, common);
            IpPrefix branchPrefix = new IpPrefix(v6 ? IpAddress.v6(bhi, blo) : IpAddress.v4((int) (bhi >>> 32)), common);
            Node<P> branch = new Node<>(bhi, blo, common, branchPrefix);
            attach(parent, branch, v6);
            setChild(branch, node);
            setChild(branch, fresh);
            return fresh;
        }
    }

    private Node<P> find(IpPrefix prefix) {
        long hi = high(prefix.address());
        long lo = low(prefix.address());
        int cidr = prefix.length();
        Node<P> node = prefix.isV6() ? root6 : root4;
        while (node != null && node.cidr <= cidr && commonBits(node.hi, node.lo, hi, lo) >= node.cidr) {
            if (node.cidr == cidr) {
                return node;
            }
            node = bitAt(hi, lo, node.cidr) == 0 ? node.zero : node.one;
        }
        return null;
    }

    /** Clears a node's peer and removes the node (and a now useless branch parent) from the trie. */
    private void unlink(Node<P> node, boolean v6) {
        node.peer = null;
        size--;
        if (node.zero != null && node.one != null) {
            return; // still needed as a branch
        }
        Node<P> child = node.zero != null ? node.zero : node.one;
        Node<P> parent = node.parent;
        replace(parent, node, child, v6);
        if (child != null || parent == null || parent.peer != null) {
            return;
        }
        // node was a leaf: its parent now has a single child and no peer, so it goes too.
        Node<P> sibling = parent.zero != null ? parent.zero : parent.one;
        replace(parent.parent, parent, sibling, v6);
    }

    private void replace(Node<P> parent, Node<P> old, Node<P> with, boolean v6) {
        if (with != null) {
            with.parent = parent;
        }
        if (parent == null) {
            if (v6) {
                root6 = with;
            } else {
                root4 = with;
            }
        } else if (parent.zero == old) {
            parent.zero = with;
        } else {
            parent.one = with;
        }
        old.parent = null;
        old.zero = null;
        old.one = null;
    }

    private void attach(Node<P> parent, Node<P> child, boolean v6) {
        if (parent == null) {
            if (v6) {
                root6 = child;
            } else {
                root4 = child;
            }
            child.parent = null;
        } else {
            setChild(parent, child);
        }
    }

    private static <P> void setChild(Node<P> parent, Node<P> child) {
        child.parent = parent;
        if (bitAt(child.hi, child.lo, parent.cidr) == 0) {
            parent.zero = child;
        } else {
            parent.one = child;
        }
    }

    private static int commonBits(long hi1, long lo1, long hi2, long lo2) {
        long x = hi1 ^ hi2;
        if (x != 0) {
            return Long.numberOfLeadingZeros(x);
        }
        return 64 + Long.numberOfLeadingZeros(lo1 ^ lo2);
    }

    /** Bit {@code i} counted from the most significant (0) of the 128-bit value. */
    private static int bitAt(long hi, long lo, int i) {
        return i < 64 ? (int) (hi >>> (63 - i)) & 1 : (int) (lo >>> (127 - i)) & 1;
    }

    private static long maskHigh(long hi, int bits) {
        return bits == 0 ? 0 : bits >= 64 ? hi : hi & (-1L << (64 - bits));
    }

    private static long maskLow(long lo, int bits) {
        return bits <= 64 ? 0 : lo & (-1L << (128 - bits));
    }

    /** The trie's key, first 64 bits: IPv4 sits in the top 32 so both families compare from bit 0. */
    private static long high(IpAddress a) {
        return a.isV6() ? a.high() : (a.v4Bits() & 0xffffffffL) << 32;
    }

    /** The trie's key, bits 64..127 (0 for IPv4). */
    private static long low(IpAddress a) {
        return a.isV6() ? a.low() : 0;
    }

    private static long highOf(byte[] a, int off, int len) {
        long v = 0;
        int n = Math.min(len, 8);
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (a[off + i] & 0xffL);
        }
        return n == 8 ? v : v << (64 - 8 * n);
    }

    private static long lowOf(byte[] a, int off, int len) {
        if (len <= 8) {
            return 0;
        }
        long v = 0;
        for (int i = 8; i < 16; i++) {
            v = (v << 8) | (a[off + i] & 0xffL);
        }
        return v;
    }
}
