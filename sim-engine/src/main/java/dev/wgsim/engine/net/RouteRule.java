package dev.wgsim.engine.net;

/**
 * A policy routing rule, as {@code ip rule} shows it: packets of the rule's family whose firewall
 * mark matches look up {@code table}; a route found there whose prefix is {@code suppressPrefixLength}
 * bits or shorter is ignored and the next rule is tried (wg-quick's
 * {@code ip rule add table main suppress_prefixlength 0} uses this to skip the main table's default
 * route). Rules are tried in priority order, lowest first.
 *
 * @param priority             lower numbers first (Linux: 32766 is the main table's rule)
 * @param family               4 or 6 (as {@code ip -4 rule} / {@code ip -6 rule}), or 0 for both
 * @param fwmark               the mark to match, or -1 to match every packet
 * @param invert               {@code not fwmark}: match packets whose mark differs
 * @param table                the table to look up ({@link Host#MAIN_TABLE} is the main one)
 * @param suppressPrefixLength ignore routes of this length or shorter; -1 for none
 */
public record RouteRule(int priority, int family, long fwmark, boolean invert, int table, int suppressPrefixLength) {

    public RouteRule {
        if (family != 0 && family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 0, 4 or 6, got " + family);
        }
        if (fwmark < -1 || fwmark > 0xffffffffL) {
            throw new IllegalArgumentException("fwmark outside 0..0xffffffff: " + fwmark);
        }
        if (invert && fwmark < 0) {
            throw new IllegalArgumentException("'not' needs a fwmark");
        }
        if (suppressPrefixLength < -1 || suppressPrefixLength > 128) {
            throw new IllegalArgumentException("suppress_prefixlength outside -1..128: " + suppressPrefixLength);
        }
    }

    /** Whether a packet of that family carrying {@code mark} is subject to this rule. */
    public boolean matches(boolean ipv6, long mark) {
        if (family == 4 && ipv6 || family == 6 && !ipv6) {
            return false;
        }
        return fwmark < 0 || (mark == fwmark) != invert;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder().append(priority).append(":\tfrom all");
        if (fwmark >= 0) {
            b.append(invert ? " not" : "").append(" fwmark 0x").append(Long.toHexString(fwmark));
        }
        b.append(" lookup ").append(table == Host.MAIN_TABLE ? "main" : Integer.toString(table));
        if (suppressPrefixLength >= 0) {
            b.append(" suppress_prefixlength ").append(suppressPrefixLength);
        }
        return b.toString();
    }
}
