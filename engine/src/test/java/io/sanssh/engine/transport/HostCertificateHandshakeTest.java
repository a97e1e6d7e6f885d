package io.sanssh.engine.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.keys.CertificateChecker;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.KnownHosts;
import io.sanssh.engine.keys.OpenSshCertificate;
import io.sanssh.engine.keys.PrivateKeyFiles;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.testing.TransportPair;
import io.sanssh.spec.algorithm.HostKeyAlgorithms;
import io.sanssh.spec.wire.DisconnectReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OpenSSH host certificates (made by ssh-keygen, see keys/regenerate.sh) presented in a real key
 * exchange and verified against the CA from a {@code @cert-authority} known_hosts line.
 */
class HostCertificateHandshakeTest {
    private static final long NOW = 1_800_000_000L; // 2027, inside the test certificates' window

    private static String resource(String name) {
        try (InputStream in = HostCertificateHandshakeTest.class.getResourceAsStream("/io/sanssh/engine/keys/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SshKeyPair certifiedHostKey(String certFile) {
        SshKeyPair key = PrivateKeyFiles.read(resource("host_ed25519.key"), null);
        OpenSshCertificate cert = (OpenSshCertificate) PublicKeys.parseOpenSshLine(resource(certFile).trim());
        return KeyPairs.withCertificate(key, cert);
    }

    private static TransportPair pair(String certFile, String knownHosts, String hostName) {
        KnownHostsVerifier verifier = new KnownHostsVerifier(KnownHosts.parse(knownHosts), hostName, 22,
                KnownHostsVerifier.Policy.YES, CertificateChecker.defaults(), () -> NOW);
        TransportConfig client = TransportConfig.builder().hostKeyVerifier(verifier)
                .hostKeyAlgorithms(List.of(HostKeyAlgorithms.SSH_ED25519_CERT_V01, HostKeyAlgorithms.SSH_ED25519)).build();
        TransportConfig server = TransportConfig.builder().hostKeys(List.of(certifiedHostKey(certFile)))
                .hostKeyAlgorithms(List.of(HostKeyAlgorithms.SSH_ED25519_CERT_V01, HostKeyAlgorithms.SSH_ED25519)).build();
        return new TransportPair(client, server, 77);
    }

    private static String caLine() {
        return "@cert-authority *.example,host.example " + resource("ca_ed25519.pub").trim() + "\n";
    }

    @Test
    void aHostCertificateSignedByATrustedCaCompletesTheKeyExchange() {
        TransportPair p = pair("host_ed25519_cert-cert.pub", caLine(), "host.example");
        p.pumpUntil(() -> p.client.isReady() && p.server.isReady(), 200, "key exchange with a host certificate");
        assertEquals(HostKeyAlgorithms.SSH_ED25519_CERT_V01, p.client.algorithms().hostKey());
    }

    private static void assertRejected(TransportPair p) {
        p.pumpUntil(() -> p.server.isClosed(), 200, "server sees the rejection");
        Disconnected d = (Disconnected) p.serverEvents.get(p.serverEvents.size() - 1);
        assertEquals(DisconnectReason.HOST_KEY_NOT_VERIFIABLE.code(), d.cause().reasonCode(), d.toString());
        assertTrue(p.client.isClosed());
    }

    @Test
    void anExpiredHostCertificateIsRejected() {
        assertRejected(pair("host_expired_cert-cert.pub", caLine(), "host.example"));
    }

    @Test
    void aHostCertificateForAnotherNameIsRejected() {
        assertRejected(pair("host_wrongname_cert-cert.pub", caLine(), "host.example"));
    }

    @Test
    void aHostCertificateFromAnUntrustedCaIsRejected() {
        assertRejected(pair("host_by_other_cert-cert.pub", caLine(), "host.example"));
    }

    @Test
    void aRevokedCaIsRejectedEvenWithAValidCertificate() {
        String revoked = caLine() + "@revoked * " + resource("ca_ed25519.pub").trim() + "\n";
        assertRejected(pair("host_ed25519_cert-cert.pub", revoked, "host.example"));
    }
}
