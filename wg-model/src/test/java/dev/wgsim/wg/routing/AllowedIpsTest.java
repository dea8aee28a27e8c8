package dev.wgsim.wg.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel selftest/allowedips table as ported in wireguard-go allowedips_test.go (§8.2). */
class AllowedIpsTest {

    private final AllowedIps<String> table = new AllowedIps<>();

    private void insert(String peer, String prefix) {
        table.insert(IpPrefix.parseMasked(prefix), peer);
    }

    private String lookup(String address) {
        return table.lookup(IpAddress.parse(address).toBytes());
    }

    private void insertIpv4Table() {
        insert("a", "192.168.4.0/24");
        insert("b", "192.168.4.4/32");
        insert("c", "192.168.0.0/16");
        insert("d", "192.95.5.64/27");
        insert("c", "192.95.5.65/27");
        insert("e", "0.0.0.0/0");
        insert("g", "64.15.112.0/20");
        insert("h", "64.15.123.211/25");
        insert("a", "10.0.0.0/25");
        insert("b", "10.0.0.128/25");
        insert("a", "10.1.0.0/30");
        insert("b", "10.1.0.4/30");
        insert("c", "10.1.0.8/29");
        insert("d", "10.1.0.16/29");
    }

    @Test
    void ipv4KnownAnswers() {
        insertIpv4Table();
        assertEquals("a", lookup("192.168.4.20"));
        assertEquals("a", lookup("192.168.4.0"));
        assertEquals("b", lookup("192.168.4.4"));
        assertEquals("c", lookup("192.168.200.182"));
        assertEquals("c", lookup("192.95.5.68"));
        assertEquals("e", lookup("192.95.5.96"));
        assertEquals("g", lookup("64.15.116.26"));
        assertEquals("g", lookup("64.15.127.3"));
        // The /30s and /29s and their neighbours (wireguard-go's extra cases).
        assertEquals("a", lookup("10.1.0.3"));
        assertEquals("b", lookup("10.1.0.4"));
        assertEquals("c", lookup("10.1.0.15"));
        assertEquals("d", lookup("10.1.0.16"));
        assertEquals("e", lookup("10.1.0.24"));
        assertEquals("a", lookup("10.0.0.127"));
        assertEquals("b", lookup("10.0.0.128"));
        // h's 64.15.123.211/25 is stored masked: 64.15.123.128/25.
        assertEquals("h", lookup("64.15.123.129"));
        assertEquals("g", lookup("64.15.123.127"));
    }

    @Test
    void samePrefixForAnotherPeerMoves() {
        insertIpv4Table();
        assertEquals(List.of(IpPrefix.parse("10.1.0.16/29")), table.prefixesOf("d"));
        assertEquals(List.of(
                IpPrefix.parse("192.168.0.0/16"), IpPrefix.parse("192.95.5.64/27"),
                IpPrefix.parse("10.1.0.8/29")), table.prefixesOf("c"));
        assertEquals(14 - 1, table.size());
    }

    @Test
    void removingAPeerRemovesItsHostRoutes() {
        insertIpv4Table();
        for (String p : List.of("1.0.0.0/32", "64.0.0.0/32", "128.0.0.0/32", "192.0.0.0/32", "255.0.0.0/32")) {
            insert("a", p);
        }
        for (String addr : List.of("1.0.0.0", "64.0.0.0", "128.0.0.0", "192.0.0.0", "255.0.0.0")) {
            assertEquals("a", lookup(addr), addr);
        }
        assertEquals(3 + 5, table.removePeer("a"));
        for (String addr : List.of("1.0.0.0", "64.0.0.0", "128.0.0.0", "192.0.0.0", "255.0.0.0",
                "192.168.4.20", "10.0.0.1", "10.1.0.1")) {
            assertNotEquals("a", lookup(addr), addr);
        }
        assertEquals("e", lookup("1.0.0.0"));
        assertEquals("c", lookup("192.168.4.20"));
        assertEquals(List.of(), table.prefixesOf("a"));
    }

    @Test
    void removingAllPeersEmptiesBothTries() {
        insertIpv4Table();
        insertIpv6Table();
        for (String p : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
            table.removePeer(p);
        }
        assertEquals(0, table.size());
        assertTrue(table.isEmpty());
        assertNull(lookup("192.168.4.20"));
        assertNull(lookup("0.0.0.0"));
        assertNull(lookup("2404:6800:4004:806::1006"));
        assertNull(lookup("::"));
    }

    @Test
    void removingAPeerRemovesNestedPrefixes() {
        insert("a", "192.168.0.0/16");
        insert("a", "192.168.0.0/24");
        table.removePeer("a");
        assertNotEquals("a", lookup("192.168.0.1"));
        assertNull(lookup("192.168.0.1"));
    }

    private void insertIpv6Table() {
        insert("d", "2607:5300:6000:6b00::c05f:543/128");
        insert("c", "2607:5300:6000:6b00::/64");
        insert("e", "::/0");
        insert("f", "::/0");
        insert("g", "2404:6800::/32");
        insert("h", "2404:6800:4004:800:dead:beef:dead:beef/64");
        insert("a", "2404:6800:4004:800:dead:beef:dead:beef/128");
    }

    @Test
    void ipv6KnownAnswers() {
        insertIpv6Table();
        assertEquals("d", lookup("2607:5300:6000:6b00::c05f:543"));
        assertEquals("c", lookup("2607:5300:6000:6b00::c02e:1ee"));
        assertEquals("f", lookup("2607:5300:6000:6b01::"));
        assertEquals("g", lookup("2404:6800:4004:806::1006"));
        assertEquals("f", lookup("2404:67ff:4004:806:0:1234:0:5678"));
        assertEquals("h", lookup("2404:6800:4004:800:0:1234:0:5678"));
        assertEquals("a", lookup("2404:6800:4004:800:dead:beef:dead:beef"));
        assertEquals(List.of(), table.prefixesOf("e"));
        assertEquals(List.of(IpPrefix.parse("::/0")), table.prefixesOf("f"));
        assertEquals(List.of(IpPrefix.parse("2404:6800:4004:800::/64")), table.prefixesOf("h"));
    }

    @Test
    void familiesDoNotMix() {
        insert("v4", "0.0.0.0/0");
        assertNull(lookup("::1"));
        insert("v6", "::/0");
        assertEquals("v4", lookup("10.0.0.1"));
        assertEquals("v6", lookup("::ffff:10.0.0.1"));
    }

    @Test
    void removeOnePrefixKeepsTheRest() {
        insertIpv4Table();
        assertEquals("b", table.remove(IpPrefix.parse("192.168.4.4/32")));
        assertEquals("a", lookup("192.168.4.4"));
        assertNull(table.remove(IpPrefix.parse("192.168.4.4/32")));
        assertEquals("a", table.remove(IpPrefix.parse("192.168.4.0/24")));
        assertEquals("c", lookup("192.168.4.4"));
        assertEquals("c", table.remove(IpPrefix.parse("192.168.0.0/16")));
        assertEquals("e", lookup("192.168.4.4"));
        // A branch node (no peer) is not a prefix of the table.
        assertNull(table.remove(IpPrefix.parse("10.1.0.0/27")));
        assertEquals("d", lookup("10.1.0.17"));
    }

    @Test
    void reinsertingMovesToTheEndOfThePeersList() {
        insert("p", "10.0.0.0/24");
        insert("p", "10.0.1.0/24");
        insert("p", "10.0.0.0/24");
        assertEquals(List.of(IpPrefix.parse("10.0.1.0/24"), IpPrefix.parse("10.0.0.0/24")), table.prefixesOf("p"));
        assertEquals(2, table.size());
    }

    @Test
    void lookupInsideAPacketBuffer() {
        insert("p", "10.0.0.0/8");
        insert("q", "fd00::/8");
        byte[] v4 = {0x45, 0, 0, 20, 0, 0, 0, 0, 64, 1, 0, 0, 10, 9, 8, 7, 10, 0, 0, 1};
        assertEquals("p", table.lookup(v4, 12, 4));
        assertEquals("p", table.lookupV4(0x0a000001));
        assertEquals("q", table.lookupV6(0xfd00_0000_0000_0000L, 1));
        assertThrows(IllegalArgumentException.class, () -> table.lookup(new byte[5]));
    }

    @Test
    void clearEmptiesEverything() {
        insertIpv4Table();
        table.clear();
        assertNull(lookup("192.168.4.20"));
        assertEquals(List.of(), table.prefixesOf("a"));
        assertEquals(0, table.size());
    }
}
