package dev.wgsim.scenario.tailnet.magicsock;

import dev.wgsim.scenario.tailnet.disco.DiscoFrame;

/**
 * What arrived on the shared UDP port, told apart as magicsock's receive path does: STUN first
 * (RFC 5389: two zero top bits and the magic cookie 0x2112A442 at offset 4), then disco (the
 * magic), and everything else goes to WireGuard, which drops what it cannot parse.
 */
public final class Demux {
    public enum Kind { STUN, DISCO, WIREGUARD }

    private Demux() {}

    public static Kind kind(byte[] d, int off, int len) {
        if (len >= 20 && (d[off] & 0xc0) == 0 && d[off + 4] == 0x21 && d[off + 5] == 0x12
                && d[off + 6] == (byte) 0xa4 && d[off + 7] == 0x42) {
            return Kind.STUN;
        }
        if (DiscoFrame.hasMagic(d, off, len)) {
            return Kind.DISCO;
        }
        return Kind.WIREGUARD;
    }
}
