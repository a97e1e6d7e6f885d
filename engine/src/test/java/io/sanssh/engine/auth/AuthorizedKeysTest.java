package io.sanssh.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.engine.testing.TestKeys;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** authorized_keys parsing (sshd(8) AUTHORIZED_KEYS FILE FORMAT) on golden lines, and matching. */
class AuthorizedKeysTest {
    static final SshPublicKey ED = TestKeys.ed25519().publicKey();
    static final String KEY = PublicKeys.toOpenSshLine(ED, null);

    static KeyOptions options(String field) {
        AuthorizedKeys k = AuthorizedKeys.parse(field + " " + KEY + " me@host");
        assertEquals(List.of(), k.problems(), field);
        assertEquals(1, k.entries().size());
        return k.entries().get(0).options();
    }

    static String problem(String line) {
        AuthorizedKeys k = AuthorizedKeys.parse(line);
        assertEquals(0, k.entries().size(), line);
        assertEquals(1, k.problems().size(), line);
        return k.problems().get(0).reason();
    }

    static AuthContext from(String address, String host) {
        return new AuthContext(address, host, OptionalLong.of(1_748_736_000L), ServerAuthConfig.DEFAULT_CERTIFICATE_CHECKER);
    }

    @Test
    void plainLineHasNoRestrictionsAndKeepsItsComment() {
        AuthorizedKeys k = AuthorizedKeys.parse("  # comment\n\n" + KEY + " alice laptop\r\n");
        AuthorizedKeys.Entry e = k.entries().get(0);
        assertEquals(3, e.lineNumber());
        assertEquals(ED, e.key());
        assertEquals("alice laptop", e.comment());
        assertEquals(KeyOptions.UNRESTRICTED, e.options());
        assertTrue(k.check("anyone", ED, from("192.0.2.1", null)).allowed());
    }

    @Test
    void commandWithQuotedCommasSpacesAndEscapedQuotes() {
        KeyOptions o = options("command=\"echo \\\"a, b\\\" c\\\\d\",no-pty");
        assertEquals("echo \"a, b\" c\\\\d", o.command());
        assertFalse(o.pty());
        assertTrue(o.portForwarding());
    }

    @Test
    void restrictTurnsEverythingOffAndLaterFlagsTurnThingsBackOn() {
        KeyOptions o = options("restrict,pty,port-forwarding");
        assertTrue(o.pty());
        assertTrue(o.portForwarding());
        assertFalse(o.agentForwarding());
        assertFalse(o.x11Forwarding());
        assertFalse(o.userRc());
        KeyOptions later = options("pty,restrict");
        assertFalse(later.pty(), "options apply left to right");
    }

    @Test
    void noFlagsAndCaseInsensitiveNames() {
        KeyOptions o = options("NO-Port-Forwarding,no-agent-forwarding,no-X11-forwarding,no-user-rc");
        assertFalse(o.portForwarding());
        assertFalse(o.agentForwarding());
        assertFalse(o.x11Forwarding());
        assertFalse(o.userRc());
        assertTrue(o.pty());
    }

    @Test
    void permitOpenAndListenLists() {
        KeyOptions o = options("permitopen=\"192.0.2.1:80\",permitopen=\"[2001:db8::1]:*\",permitlisten=\"8080\","
                + "permitlisten=\"*.example:2222\"");
        assertEquals(List.of("192.0.2.1:80", "[2001:db8::1]:*"), o.permitOpen());
        assertTrue(o.permitsOpen("192.0.2.1", 80));
        assertFalse(o.permitsOpen("192.0.2.1", 81));
        assertTrue(o.permitsOpen("2001:db8::1", 443));
        assertFalse(o.permitsOpen("192.0.2.2", 80));
        assertTrue(o.permitsListen("0.0.0.0", 8080));
        assertTrue(o.permitsListen("a.example", 2222));
        assertFalse(o.permitsListen("a.example", 2223));
        assertTrue(KeyOptions.UNRESTRICTED.permitsOpen("anything", 1));
        assertFalse(options("no-port-forwarding").permitsOpen("x", 1));
    }

    @Test
    void environmentTunnelExpiryAndFidoFlags() {
        KeyOptions o = options("environment=\"LANG=C\",environment=\"A_B=x=y\",tunnel=\"0\","
                + "expiry-time=\"20300101\",expiry-time=\"202501021530Z\",no-touch-required,verify-required");
        assertEquals(List.of("LANG=C", "A_B=x=y"), o.environment());
        assertEquals("0", o.tunnel());
        assertEquals(1_735_831_800L, o.expiresAt(), "the earliest expiry-time wins: 2025-01-02T15:30Z");
        assertNull(options("pty").expiresAt());
    }

    @Test
    void expiryTimeIsEnforcedAndNeedsATimeSource() {
        AuthorizedKeys k = AuthorizedKeys.parse("expiry-time=\"20250601000001\" " + KEY);
        assertTrue(k.check("u", ED, from("192.0.2.1", null)).allowed(), "one second before expiry");
        AuthContext later = new AuthContext("192.0.2.1", null, OptionalLong.of(1_748_736_001L),
                ServerAuthConfig.DEFAULT_CERTIFICATE_CHECKER);
        assertFalse(k.check("u", ED, later).allowed());
        AuthContext noClock = new AuthContext("192.0.2.1", null, OptionalLong.empty(),
                ServerAuthConfig.DEFAULT_CERTIFICATE_CHECKER);
        assertFalse(k.check("u", ED, noClock).allowed());
    }

    @Test
    void fromWithWildcardsNegationAndCidr() {
        AuthorizedKeys k = AuthorizedKeys.parse(
                "from=\"*.example.com,!bad.example.com,10.1.0.0/16,!10.1.2.3,192.0.2.?\" " + KEY);
        assertEquals(List.of(), k.problems());
        assertTrue(k.check("u", ED, from("203.0.113.9", "Host.Example.com")).allowed(), "host name, any case");
        assertFalse(k.check("u", ED, from("203.0.113.9", "bad.example.com")).allowed(), "negated host");
        assertTrue(k.check("u", ED, from("10.1.200.7", null)).allowed(), "CIDR");
        assertFalse(k.check("u", ED, from("10.1.2.3", null)).allowed(), "negated address");
        assertTrue(k.check("u", ED, from("192.0.2.5", null)).allowed(), "? wildcard on the address");
        assertFalse(k.check("u", ED, from("192.0.2.55", null)).allowed());
        assertFalse(k.check("u", ED, from("10.2.0.1", "other.org")).allowed());
        assertFalse(k.check("u", ED, from(null, "a.example.com")).allowed(), "no address: fail closed");
        assertTrue(k.check("u", ED, from("::ffff:10.1.0.1", null)).allowed(), "IPv4-mapped IPv6");
    }

    @Test
    void ipv6Cidr() {
        AuthorizedKeys k = AuthorizedKeys.parse("from=\"2001:db8::/32,!2001:db8:0:1::/64\" " + KEY);
        assertTrue(k.check("u", ED, from("2001:db8:ffff::1", null)).allowed());
        assertFalse(k.check("u", ED, from("2001:db8:0:1::5", null)).allowed());
        assertFalse(k.check("u", ED, from("2001:db9::1", null)).allowed());
    }

    @Test
    void laterLineMayAllowWhatAnEarlierLineRestrictedByFromDidNot() {
        AuthorizedKeys k = AuthorizedKeys.parse("from=\"10.0.0.0/8\",command=\"inside\" " + KEY + "\n"
                + "command=\"outside\" " + KEY + "\n");
        assertEquals("inside", k.check("u", ED, from("10.9.9.9", null)).options().command());
        assertEquals("outside", k.check("u", ED, from("192.0.2.1", null)).options().command());
    }

    @Test
    void certAuthorityWithPrincipals() {
        KeyOptions o = options("cert-authority,principals=\"alice,ops\"");
        assertTrue(o.certAuthority());
        assertEquals(List.of("alice", "ops"), o.principals());
        AuthorizedKeys k = AuthorizedKeys.parse("cert-authority " + KEY);
        assertFalse(k.check("u", ED, from("192.0.2.1", null)).allowed(), "a CA line is not a login key");
    }

    @Test
    void badLinesAreSkippedAndReportedWhileGoodOnesStillWork() {
        String text = String.join("\n",
                "bogus-option " + KEY,
                "command=unquoted " + KEY,
                "command=\"never closed " + KEY,
                "command=\"a\",command=\"b\" " + KEY,
                "no-pty=\"x\" " + KEY,
                "from=\"10.0.0.1/8\" " + KEY,
                "from=\"10.0.0.0/33\" " + KEY,
                "permitopen=\"host\" " + KEY,
                "permitopen=\"host:0\" " + KEY,
                "permitopen=\"::1:22\" " + KEY,
                "environment=\"=x\" " + KEY,
                "expiry-time=\"20251301\" " + KEY,
                "ssh-dss AAAAB3NzaC1kc3MAAACBAP",
                "ssh-ed25519 !!!notbase64",
                "ssh-ed25519",
                "restrict",
                "pty " + KEY);
        AuthorizedKeys k = AuthorizedKeys.parse(text);
        assertEquals(1, k.entries().size());
        assertEquals(17, k.entries().get(0).lineNumber());
        assertEquals(16, k.problems().size());
        List<Integer> lines = k.problems().stream().map(AuthorizedKeys.Problem::lineNumber).toList();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16), lines);
        assertTrue(k.check("u", ED, from("192.0.2.1", null)).allowed());
    }

    @Test
    void problemsNameTheCause() {
        assertTrue(problem("bogus " + KEY).contains("unsupported option bogus"));
        assertTrue(problem("command=x " + KEY).contains("double quotes"));
        assertTrue(problem("from=\"10.0.0.1/8\" " + KEY).contains("host bits"));
        assertTrue(problem("command=\"x " + KEY).contains("unterminated quote"));
        String cert = CertificateAuthTest.resource("user_cert-cert.pub").strip();
        assertTrue(problem(cert).contains("cert-authority"));
    }

    @Test
    void addressParsing() {
        assertEquals(4, AddressPatterns.parseAddress("192.0.2.1").length);
        assertEquals(16, AddressPatterns.parseAddress("::1").length);
        assertEquals(16, AddressPatterns.parseAddress("2001:db8::").length);
        assertEquals(16, AddressPatterns.parseAddress("1:2:3:4:5:6:7:8").length);
        assertEquals(16, AddressPatterns.parseAddress("64:ff9b::192.0.2.33").length);
        assertEquals(4, AddressPatterns.parseAddress("::ffff:192.0.2.33").length);
        for (String bad : new String[] {"host.example", "1.2.3", "256.1.1.1", "1::2::3", "1:2:3:4:5:6:7:8:9",
                "12345::", "01.2.3.4.5", "fe80::1%eth0", ""}) {
            assertNull(AddressPatterns.parseAddress(bad), bad);
        }
    }
}
