package io.sanssh.engine.keys;

import static io.sanssh.engine.keys.KeyResources.pub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.engine.keys.KnownHostsEntry.Marker;
import io.sanssh.engine.keys.KnownHostsMatch.Status;
import io.sanssh.spec.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnownHostsTest {
    private static final SshPublicKey HOST_ED = pub("host_ed25519.pub");
    private static final SshPublicKey HOST_EC = pub("host_ecdsa256.pub");
    private static final SshPublicKey HOST_RSA = pub("host_rsa.pub");
    private static final SshPublicKey OTHER = pub("other_ed25519.pub");
    private static final SshPublicKey REVOKED = pub("user_ed25519.pub");

    private static KnownHosts file(String name) {
        return KnownHosts.parse(KeyResources.text(name));
    }

    private static Status status(KnownHosts kh, String host, int port, SshPublicKey key) {
        return kh.check(host, port, key).status();
    }

    // The same lookups must give the same answers on the plain file and its ssh-keygen -H copy.

    @ParameterizedTest
    @ValueSource(strings = {"known_hosts", "known_hosts_hashed"})
    void hostListedWithItsKeyIsTrustedByNameOrAddressInAnyCase(String name) {
        KnownHosts kh = file(name);
        KnownHostsMatch m = kh.check("host.example", 22, HOST_ED);
        assertEquals(Status.TRUSTED, m.status());
        assertEquals(HOST_ED, m.entry().key());
        assertEquals(Status.TRUSTED, status(kh, "192.0.2.10", 22, HOST_ED));
        assertEquals(Status.TRUSTED, status(kh, "HOST.Example", 22, HOST_ED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"known_hosts", "known_hosts_hashed"})
    void nonDefaultPortIsFiledInBrackets(String name) {
        KnownHosts kh = file(name);
        assertEquals(Status.TRUSTED, status(kh, "host.example", 2222, HOST_EC));
        assertEquals(Status.UNKNOWN, status(kh, "host.example", 22, HOST_EC));
        assertEquals(Status.TRUSTED, status(kh, "port.example", 2200, HOST_RSA));
        assertEquals(Status.UNKNOWN, status(kh, "port.example", 22, HOST_RSA));
        assertEquals(Status.UNKNOWN, status(kh, "port.example", 2201, HOST_RSA));
    }

    @ParameterizedTest
    @ValueSource(strings = {"known_hosts", "known_hosts_hashed"})
    void keyKnownWithoutPortIsTrustedOnAnotherPortAsOpenSshDoes(String name) {
        assertEquals(Status.TRUSTED, status(file(name), "host.example", 2200, HOST_ED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"known_hosts", "known_hosts_hashed"})
    void differentKeyOfTheSameTypeIsChangedAndNamesTheLine(String name) {
        KnownHosts kh = file(name);
        KnownHostsMatch m = kh.check("changed.example", 22, HOST_ED);
        assertEquals(Status.CHANGED, m.status());
        assertEquals(OTHER, m.entry().key());
        // ssh-keygen -H writes "host.example,192.0.2.10" as two hashed lines, moving later ones down.
        assertEquals(name.endsWith("hashed") ? 7 : 6, m.entry().lineNumber());
        assertEquals(Status.CHANGED, status(kh, "host.example", 22, OTHER));
        assertEquals(Status.UNKNOWN, status(kh, "changed.example", 22, HOST_RSA));
    }

    @ParameterizedTest
    @ValueSource(strings = {"known_hosts", "known_hosts_hashed"})
    void wildcardsMatchAndNegationExcludes(String name) {
        KnownHosts kh = file(name);
        assertEquals(Status.TRUSTED, status(kh, "a.wild.example", 22, HOST_EC));
        assertEquals(Status.TRUSTED, status(kh, "deep.a.wild.example", 22, HOST_EC));
        assertEquals(Status.UNKNOWN, status(kh, "bad.wild.example", 22, HOST_EC));
        assertEquals(Status.UNKNOWN, status(kh, "wild.example", 22, HOST_EC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"known_hosts", "known_hosts_hashed"})
    void hostCertificateFromAListedCaIsTrustedByCa(String name) {
        KnownHosts kh = file(name);
        OpenSshCertificate cert = KeyResources.cert("host_ed25519_cert-cert.pub");
        KnownHostsMatch m = kh.check("host.example", 22, cert);
        assertEquals(Status.TRUSTED_BY_CA, m.status());
        assertEquals(Marker.CERT_AUTHORITY, m.entry().marker());
        assertTrue(CertificateChecker.defaults().checkHost(cert, "host.example", KeyResources.NOW).isValid());
        assertEquals(Status.TRUSTED_BY_CA, status(kh, "any.example", 22, cert));
        assertEquals(Status.UNKNOWN, status(kh, "nocert.example", 22, cert));
        // *.example does not match "[host.example]:2222", but the port-less retry does.
        assertEquals(Status.TRUSTED_BY_CA, status(kh, "host.example", 2222, cert));
        assertEquals(Status.UNKNOWN, status(kh, "nocert.example", 2222, cert));
    }

    @ParameterizedTest
    @ValueSource(strings = {"known_hosts", "known_hosts_hashed"})
    void certificateFromAnUnlistedCaFallsBackToItsPlainKey(String name) {
        KnownHosts kh = file(name);
        SshPublicKey byOther = pub("host_by_other_cert-cert.pub");
        assertEquals(Status.TRUSTED, status(kh, "host.example", 22, byOther));
        assertEquals(Status.UNKNOWN, status(kh, "x.example", 22, byOther));
        assertEquals(Status.CHANGED, status(kh, "changed.example", 22, byOther));
    }

    @ParameterizedTest
    @ValueSource(strings = {"known_hosts", "known_hosts_hashed"})
    void revokedKeyOrRevokedCaIsRevokedWhateverElseMatches(String name) {
        KnownHosts kh = file(name);
        KnownHostsMatch m = kh.check("anywhere.test", 22, REVOKED);
        assertEquals(Status.REVOKED, m.status());
        assertEquals(Marker.REVOKED, m.entry().marker());
        // A certificate whose CA is the revoked key, for a host that would otherwise trust it.
        Bytes blob = new CertBuilder(KeyResources.privateKey("host_ed25519.key")).principal("host.example")
                .signWith(KeyResources.privateKey("user_ed25519.key"), "ssh-ed25519");
        assertEquals(Status.REVOKED, status(kh, "host.example", 22, PublicKeys.parse(blob)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"known_hosts", "known_hosts_hashed"})
    void commentsAndBlankLinesAreSkippedAndABadLineIsAWarning(String name) {
        KnownHosts kh = file(name);
        boolean hashed = name.endsWith("hashed");
        assertEquals(hashed ? 8 : 7, kh.entries().size());
        assertEquals(1, kh.warnings().size());
        assertEquals(hashed ? 11 : 10, kh.warnings().get(0).lineNumber());
        assertEquals(name.endsWith("hashed"), kh.entries().get(0).isHashed());
    }

    @Test
    void unknownHostIsUnknownWithNoLine() {
        KnownHostsMatch m = file("known_hosts").check("nowhere.test", 22, HOST_RSA);
        assertEquals(Status.UNKNOWN, m.status());
        assertNull(m.entry());
    }

    @ParameterizedTest
    @ValueSource(strings = {"known_hosts_keyscan", "known_hosts_keyscan_hashed"})
    void sshKeyscanOutputOfARealSshdIsTrusted(String name) {
        KnownHosts kh = file(name);
        assertTrue(kh.warnings().isEmpty());
        for (SshPublicKey key : List.of(HOST_ED, HOST_EC, HOST_RSA)) {
            assertEquals(Status.TRUSTED, status(kh, "127.0.0.1", 22917, key));
            assertEquals(Status.UNKNOWN, status(kh, "127.0.0.1", 22, key));
        }
        assertEquals(Status.CHANGED, status(kh, "127.0.0.1", 22917, OTHER));
    }

    @Test
    void malformedLinesAreReportedNeverThrown() {
        String ed = PublicKeys.toOpenSshLine(HOST_ED, null);
        String blob = ed.substring(ed.indexOf(' ') + 1);
        String text = String.join("\n",
                "@foo host " + ed,
                "host ssh-ed25519",
                "host ssh-ed25519 AAAA!!!!",
                "host ssh-rsa " + blob,
                "host ssh-dss AAAAB3NzaC1kc3MAAACBAP",
                "host " + PublicKeys.toOpenSshLine(pub("host_ed25519_cert-cert.pub"), null),
                "|1|abc|def " + ed,
                "a,,b " + ed,
                "@revoked",
                "host ssh-ed25519 " + blob + " a comment with spaces");
        KnownHosts kh = KnownHosts.parse(text);
        assertEquals(9, kh.warnings().size(), kh.warnings().toString());
        assertEquals(1, kh.entries().size());
        assertEquals("a comment with spaces", kh.entries().get(0).comment());
        assertEquals(10, kh.entries().get(0).lineNumber());
    }

    @Test
    void randomGarbageNeverThrows() {
        Random random = new Random(1);
        String valid = KeyResources.text("known_hosts_hashed");
        for (int i = 0; i < 500; i++) {
            char[] chars = valid.toCharArray();
            for (int j = 0; j < 5; j++) {
                chars[random.nextInt(chars.length)] = (char) (32 + random.nextInt(95));
            }
            KnownHosts kh = KnownHosts.parse(new String(chars));
            kh.check("host.example", 22, HOST_ED);
        }
    }

    @Test
    void formattedEntriesAreFoundAgain() {
        String plain = KnownHosts.formatEntry("Host.Example", 22, HOST_ED, false, null);
        assertEquals("host.example " + PublicKeys.toOpenSshLine(HOST_ED, null), plain);
        assertTrue(KnownHosts.formatEntry("h", 2222, HOST_ED, false, null).startsWith("[h]:2222 ssh-ed25519 "));
        String hashed = KnownHosts.formatEntry("host.example", 2222, HOST_EC, true, KeyResources.seeded(1));
        assertTrue(hashed.startsWith("|1|"));
        assertFalse(hashed.contains("host.example"));
        KnownHosts kh = KnownHosts.parse(plain + "\n" + hashed + "\n");
        assertEquals(Status.TRUSTED, status(kh, "host.example", 22, HOST_ED));
        assertEquals(Status.TRUSTED, status(kh, "host.example", 2222, HOST_EC));
        assertEquals(Status.UNKNOWN, status(kh, "host.example", 2223, HOST_EC));
        String ofCert = KnownHosts.formatEntry("h", 22, pub("host_ed25519_cert-cert.pub"), false, null);
        assertEquals("h " + PublicKeys.toOpenSshLine(HOST_ED, null), ofCert);
        assertThrows(IllegalArgumentException.class, () -> KnownHosts.formatEntry("h", 0, HOST_ED, false, null));
    }

    @Test
    void sshKeygenFindsTheHashedEntriesWeWrite() throws Exception {
        assumeTrue(KeyResources.haveSshKeygen(), "ssh-keygen is not installed");
        Path f = Files.createTempFile("known_hosts", "");
        try {
            String text = KnownHosts.formatEntry("host.example", 22, HOST_ED, true, KeyResources.seeded(2)) + "\n"
                    + KnownHosts.formatEntry("host.example", 2222, HOST_EC, true, KeyResources.seeded(3)) + "\n";
            Files.writeString(f, text, StandardCharsets.UTF_8);
            for (String name : List.of("host.example", "[host.example]:2222")) {
                KeyResources.Result r = KeyResources.run(
                        List.of(KeyResources.SSH_KEYGEN.toString(), "-F", name, "-f", f.toString()));
                assertEquals(0, r.exitCode(), r.output());
                assertTrue(r.output().contains("found: line"), r.output());
            }
            KeyResources.Result none = KeyResources.run(
                    List.of(KeyResources.SSH_KEYGEN.toString(), "-F", "other.example", "-f", f.toString()));
            assertEquals(1, none.exitCode(), none.output());
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void globMatchesStarAndQuestionMarkOverTheWholeName() {
        assertTrue(HostPatterns.glob("*", 0, ""));
        assertTrue(HostPatterns.glob("a?c", 0, "abc"));
        assertFalse(HostPatterns.glob("a?c", 0, "ac"));
        assertTrue(HostPatterns.glob("*.example", 0, "x.example"));
        assertFalse(HostPatterns.glob("*.example", 0, "example"));
        assertFalse(HostPatterns.glob("host", 0, "host.example"));
        assertTrue(HostPatterns.glob("[*]:2222", 0, "[h]:2222"));
        assertFalse(HostPatterns.glob("a*a*a*a*a*a*b", 0, "a".repeat(5000)));
        assertTrue(HostPatterns.glob("!x*", 1, "xy"));
    }
}
