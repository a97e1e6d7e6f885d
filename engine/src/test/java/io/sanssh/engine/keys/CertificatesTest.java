package io.sanssh.engine.keys;

import static io.sanssh.engine.keys.KeyResources.NOW;
import static io.sanssh.engine.keys.KeyResources.cert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.keys.CertificateCheck.Outcome;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificatesTest {
    private static final long JAN_2024 = 1_704_067_200L;
    private static final long JAN_2034 = 2_019_686_400L;
    private static final CertificateChecker CHECKER = CertificateChecker.defaults();
    private static final byte[] DATA = "session data".getBytes(StandardCharsets.UTF_8);

    private static Outcome host(String file, String host, long now) {
        return CHECKER.checkHost(cert(file), host, now).outcome();
    }

    private static Outcome user(String file, String user) {
        return CHECKER.checkUser(cert(file), user, NOW).outcome();
    }

    @Test
    void hostCertificateFieldsAreReadAsSshKeygenWroteThem() {
        OpenSshCertificate c = cert("host_ed25519_cert-cert.pub");
        assertEquals("ssh-ed25519-cert-v01@openssh.com", c.keyType());
        assertEquals(OpenSshCertificate.Type.HOST, c.type());
        assertEquals(42, c.serial());
        assertEquals("host-ed25519", c.keyId());
        assertEquals(List.of("host.example", "127.0.0.1"), c.principals());
        assertEquals(JAN_2024, c.validAfter());
        assertEquals(JAN_2034, c.validBefore());
        assertTrue(c.criticalOptions().isEmpty());
        assertEquals(KeyResources.pub("host_ed25519.pub"), c.plainKey());
        assertEquals(KeyResources.pub("ca_ed25519.pub"), c.signatureKey());
        assertEquals("ssh-ed25519", c.signatureAlgorithm());
        assertEquals(List.of("ssh-ed25519-cert-v01@openssh.com"), c.signatureAlgorithms());
        assertTrue(c.isValidAt(NOW));
        assertFalse(c.isValidAt(JAN_2034));
    }

    @Test
    void userCertificateCarriesSshKeygensDefaultExtensions() {
        OpenSshCertificate c = cert("user_cert-cert.pub");
        assertEquals(OpenSshCertificate.Type.USER, c.type());
        assertEquals(List.of("alice", "bob"), c.principals());
        assertEquals(Set.of("permit-X11-forwarding", "permit-agent-forwarding", "permit-port-forwarding",
                "permit-pty", "permit-user-rc"), c.extensions().keySet());
        assertEquals(List.of("rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com",
                "ssh-rsa-cert-v01@openssh.com"), cert("user_rsa_cert-cert.pub").signatureAlgorithms());
    }

    @ParameterizedTest
    @ValueSource(strings = {"host_ed25519_cert-cert.pub", "host_ecdsa256_cert-cert.pub", "host_rsa_cert-cert.pub"})
    void caSignaturesMadeBySshKeygenVerify(String file) {
        // Ed25519, ECDSA P-384 and RSA (rsa-sha2-512) CAs: interop of every verify path.
        assertEquals(Outcome.VALID, host(file, "host.example", NOW));
    }

    @Test
    void rsaCaSignsWithRsaSha2512AndEcdsaCaWithItsCurve() {
        assertEquals("rsa-sha2-512", cert("host_rsa_cert-cert.pub").signatureAlgorithm());
        assertEquals("ecdsa-sha2-nistp384", cert("host_ecdsa256_cert-cert.pub").signatureAlgorithm());
    }

    @Test
    void validityWindowIsAfterInclusiveBeforeExclusive() {
        String file = "host_ed25519_cert-cert.pub";
        assertEquals(Outcome.NOT_YET_VALID, host(file, "host.example", JAN_2024 - 1));
        assertEquals(Outcome.VALID, host(file, "host.example", JAN_2024));
        assertEquals(Outcome.VALID, host(file, "host.example", JAN_2034 - 1));
        assertEquals(Outcome.EXPIRED, host(file, "host.example", JAN_2034));
        assertEquals(Outcome.EXPIRED, host("host_expired_cert-cert.pub", "host.example", NOW));
        assertEquals(Outcome.EXPIRED, user("user_expired_cert-cert.pub", "alice"));
    }

    @Test
    void hostMustBeAPrincipalComparedInLowerCase() {
        assertEquals(Outcome.PRINCIPAL_NOT_LISTED, host("host_wrongname_cert-cert.pub", "host.example", NOW));
        assertEquals(Outcome.VALID, host("host_wrongname_cert-cert.pub", "other.example", NOW));
        assertEquals(Outcome.VALID, host("host_ed25519_cert-cert.pub", "127.0.0.1", NOW));
        assertEquals(Outcome.VALID, host("host_ed25519_cert-cert.pub", "HOST.Example", NOW));
        assertEquals(Outcome.PRINCIPAL_NOT_LISTED, host("host_ed25519_cert-cert.pub", "evil.example", NOW));
    }

    @Test
    void emptyPrincipalsMeanAnyHostButNoUser() {
        assertEquals(Outcome.VALID, host("host_anyname_cert-cert.pub", "whatever.example", NOW));
        assertEquals(Outcome.NO_PRINCIPALS, user("user_noprincipals_cert-cert.pub", "alice"));
        assertEquals(Outcome.VALID, user("user_cert-cert.pub", "bob"));
        assertEquals(Outcome.PRINCIPAL_NOT_LISTED, user("user_cert-cert.pub", "mallory"));
    }

    @Test
    void certificateTypeMustMatchItsUse() {
        assertEquals(Outcome.WRONG_TYPE, host("user_cert-cert.pub", "alice", NOW));
        assertEquals(Outcome.WRONG_TYPE, user("host_ed25519_cert-cert.pub", "host.example"));
    }

    @Test
    void unknownCriticalOptionRefusesTheCertificateUntilTheCallerEnforcesIt() {
        OpenSshCertificate c = cert("user_force_cert-cert.pub");
        assertEquals("/bin/true", c.criticalOptionValue("force-command").orElseThrow());
        assertTrue(c.criticalOptionValue("source-address").isEmpty());
        CertificateCheck refused = CHECKER.checkUser(c, "alice", NOW);
        assertEquals(Outcome.UNSUPPORTED_CRITICAL_OPTION, refused.outcome());
        assertTrue(refused.detail().contains("force-command"));
        CertificateChecker enforcing = new CertificateChecker(
                List.of("ssh-ed25519", "rsa-sha2-512"), List.of("force-command", "source-address"));
        assertTrue(enforcing.checkUser(c, "alice", NOW).isValid());
    }

    @Test
    void hostCertificateWithAnyCriticalOptionIsRefused() {
        SshKeyPair ca = KeyResources.privateKey("ca_ed25519.key");
        Bytes blob = new CertBuilder(KeyResources.privateKey("host_ed25519.key")).principal("h")
                .critical("force-command", "x").signWith(ca, "ssh-ed25519");
        OpenSshCertificate c = (OpenSshCertificate) PublicKeys.parse(blob);
        CertificateChecker enforcing = new CertificateChecker(List.of("ssh-ed25519"), List.of("force-command"));
        assertEquals(Outcome.UNSUPPORTED_CRITICAL_OPTION, enforcing.checkHost(c, "h", NOW).outcome());
    }

    @Test
    void sha1RsaCaSignatureIsRefusedByDefaultAndAcceptedWhenAllowed() {
        OpenSshCertificate c = cert("user_sha1ca_cert-cert.pub");
        assertEquals("ssh-rsa", c.signatureAlgorithm());
        assertEquals(Outcome.CA_ALGORITHM_NOT_ALLOWED, CHECKER.checkUser(c, "alice", NOW).outcome());
        CertificateChecker legacy = new CertificateChecker(List.of("ssh-rsa"), List.of());
        assertEquals(Outcome.VALID, legacy.checkUser(c, "alice", NOW).outcome());
    }

    @Test
    void tamperedCertificateFailsItsCaSignature() {
        byte[] blob = cert("host_ed25519_cert-cert.pub").blob().toByteArray();
        byte[] id = "host-ed25519".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(blob, id);
        blob[at] = 'H';
        OpenSshCertificate tampered = (OpenSshCertificate) PublicKeys.parse(Bytes.wrap(blob));
        assertEquals("Host-ed25519", tampered.keyId());
        assertEquals(Outcome.BAD_SIGNATURE, CHECKER.checkHost(tampered, "host.example", NOW).outcome());
    }

    @Test
    void signatureKeySwappedForAnotherCaFailsTheSignature() {
        SshKeyPair ca = KeyResources.privateKey("ca_ed25519.key");
        Bytes blob = new CertBuilder(KeyResources.privateKey("host_ed25519.key")).principal("h")
                .signatureKeyBlob(KeyResources.pub("other_ed25519.pub").blob()).signWith(ca, "ssh-ed25519");
        assertEquals(Outcome.BAD_SIGNATURE,
                CHECKER.checkHost((OpenSshCertificate) PublicKeys.parse(blob), "h", NOW).outcome());
    }

    @Test
    void certificateSignedByACertificateIsRefusedAtParse() {
        SshKeyPair ca = KeyResources.privateKey("ca_ed25519.key");
        Bytes chained = new CertBuilder(KeyResources.privateKey("host_ed25519.key"))
                .signatureKeyBlob(cert("user_cert-cert.pub").blob()).signWith(ca, "ssh-ed25519");
        SshFormatException e = assertThrows(SshFormatException.class, () -> PublicKeys.parse(chained));
        assertTrue(e.getMessage().contains("chain"), e.getMessage());
    }

    @Test
    void unknownCertificateTypeAndRepeatedOptionsAreFormatErrors() {
        SshKeyPair ca = KeyResources.privateKey("ca_ed25519.key");
        SshKeyPair subject = KeyResources.privateKey("host_ed25519.key");
        Bytes type3 = new CertBuilder(subject).type(3).signWith(ca, "ssh-ed25519");
        assertThrows(SshFormatException.class, () -> PublicKeys.parse(type3));
        Bytes repeated = new CertBuilder(subject).type(1).critical("a", "1").critical("a", "2").signWith(ca, "ssh-ed25519");
        assertThrows(SshFormatException.class, () -> PublicKeys.parse(repeated));
    }

    @Test
    void builtCertificateWithEcdsaCaIsValidUntilItsLastSecond() {
        SshKeyPair ca = KeyPairs.generate("ecdsa-sha2-nistp521", 0, KeyResources.seeded(9));
        Bytes blob = new CertBuilder(KeyResources.privateKey("user_ed25519.key")).type(1).principal("carol")
                .validity(100, 200).signWith(ca, "ecdsa-sha2-nistp521");
        OpenSshCertificate c = (OpenSshCertificate) PublicKeys.parse(blob);
        assertTrue(CHECKER.checkUser(c, "carol", 199).isValid());
        assertEquals(Outcome.EXPIRED, CHECKER.checkUser(c, "carol", 200).outcome());
        assertEquals(Outcome.NOT_YET_VALID, CHECKER.checkUser(c, "carol", 99).outcome());
    }

    @Test
    void certificateVerifiesSignaturesOfTheKeyItCertifiesUnderCertificateNames() {
        OpenSshCertificate c = cert("host_ed25519_cert-cert.pub");
        SshKeyPair certified = KeyPairs.withCertificate(KeyResources.privateKey("host_ed25519.key"), c);
        assertEquals(c, certified.publicKey());
        Bytes sig = certified.sign("ssh-ed25519-cert-v01@openssh.com", DATA);
        assertEquals("ssh-ed25519", io.sanssh.spec.wire.SshReader.of(sig).readAscii());
        assertTrue(c.verify("ssh-ed25519-cert-v01@openssh.com", DATA, sig));
        assertFalse(c.verify("ssh-ed25519", DATA, sig));
        assertTrue(c.plainKey().verify("ssh-ed25519", DATA, sig));
        assertFalse(c.plainKey().verify("ssh-ed25519-cert-v01@openssh.com", DATA, sig));
        assertFalse(c.verify("ssh-ed25519-cert-v01@openssh.com", "other".getBytes(StandardCharsets.UTF_8), sig));
        assertThrows(IllegalArgumentException.class, () -> certified.sign("ssh-ed25519", DATA));

        OpenSshCertificate rsaCert = cert("user_rsa_cert-cert.pub");
        SshKeyPair rsa = KeyPairs.withCertificate(KeyResources.privateKey("rsa3072.key"), rsaCert);
        Bytes rsaSig = rsa.sign("rsa-sha2-256-cert-v01@openssh.com", DATA);
        assertEquals("rsa-sha2-256", io.sanssh.spec.wire.SshReader.of(rsaSig).readAscii());
        assertTrue(rsaCert.verify("rsa-sha2-256-cert-v01@openssh.com", DATA, rsaSig));
        assertFalse(rsaCert.verify("rsa-sha2-512-cert-v01@openssh.com", DATA, rsaSig));
        assertFalse(rsaCert.verify("ssh-rsa-cert-v01@openssh.com", DATA, rsaSig));
    }

    @Test
    void certificateCannotBePairedWithAnotherKey() {
        assertThrows(IllegalArgumentException.class, () -> KeyPairs.withCertificate(
                KeyResources.privateKey("user_ed25519.key"), cert("host_ed25519_cert-cert.pub")));
    }

    @Test
    void everyTruncationOfARealCertificateIsOnlyAFormatError() {
        byte[] blob = cert("host_rsa_cert-cert.pub").blob().toByteArray();
        for (int len = 0; len < blob.length; len++) {
            Bytes prefix = Bytes.of(blob, 0, len);
            assertThrows(SshFormatException.class, () -> PublicKeys.parse(prefix));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
