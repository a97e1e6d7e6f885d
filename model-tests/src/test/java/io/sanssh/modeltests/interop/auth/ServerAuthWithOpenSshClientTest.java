package io.sanssh.modeltests.interop.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.auth.AuthenticatedUser;
import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.auth.ServerAuthConfig;
import io.sanssh.engine.auth.ServerAuthLayer;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PrivateKeyFiles;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.modeltests.interop.support.BlockingTransportDriver;
import io.sanssh.modeltests.interop.support.BoundedProcess;
import io.sanssh.modeltests.interop.support.InteropHostKeys;
import io.sanssh.modeltests.interop.support.OpenSsh;
import io.sanssh.modeltests.interop.support.OpenSshClientRun;
import io.sanssh.spec.userauth.AuthMethodBody.PublicKeyAuth;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sanssh's server auth layer against the real OpenSSH client: {@code ssh -i key} (BatchMode, no
 * other identities) logs in by "publickey" with a key of every type listed in our
 * {@link AuthorizedKeys}, RSA under either SHA-2 algorithm, and with an ssh-keygen user certificate
 * through a cert-authority line; a key not listed is refused. Our server has no connection layer
 * here: success shows as the client's first connection-protocol message after USERAUTH_SUCCESS.
 */
class ServerAuthWithOpenSshClientTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String USER = "interop";
    private Path dir;

    @BeforeEach
    void makeDirectory() throws IOException {
        OpenSsh.assumeClient();
        dir = Files.createTempDirectory("sanssh-auth");
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        if (dir != null) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Path writeKey(SshKeyPair key, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, PrivateKeyFiles.writeOpenSsh(key, "interop"), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** What one run saw: the users our server authenticated, the requests, the client's output and status. */
    record Run(List<AuthenticatedUser> users, List<PublicKeyAuth> requests, List<Integer> connectionMessages,
               String output, int status) {
    }

    private static Run run(ServerAuthConfig auth, List<String> sshOptions, boolean expectSuccess) throws IOException {
        List<AuthenticatedUser> users = new ArrayList<>();
        AuthRouter router = new AuthRouter();
        TransportConfig config = TransportConfig.builder().hostKeys(InteropHostKeys.all()).build();
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             OpenSshClientRun ssh = OpenSshClientRun.start(listening.getLocalPort(), USER, sshOptions);
             BlockingTransportDriver d = BlockingTransportDriver.accept(listening, LIMIT, config, router,
                     ssh::output)) {
            d.diagnostics(ssh::output);
            router.layer = new ServerAuthLayer(d.transport(), auth.forClient("127.0.0.1", "localhost"), u -> {
                users.add(u);
                router.authenticated = true;
            });
            if (expectSuccess) {
                d.pumpUntil(() -> !router.connectionMessages.isEmpty(), LIMIT,
                        "the client's first connection message after USERAUTH_SUCCESS");
                assertEquals(1, d.events(Authenticated.class).size());
            } else {
                d.pumpUntil(() -> d.inputEnded() || d.transport().isClosed(), LIMIT, "the client giving up");
            }
            d.disconnect(Duration.ofSeconds(5));
            int status = ssh.awaitExit(Duration.ofSeconds(10));
            List<PublicKeyAuth> requests = router.requests.stream().map(r -> r.body())
                    .filter(PublicKeyAuth.class::isInstance).map(PublicKeyAuth.class::cast).toList();
            return new Run(users, requests, List.copyOf(router.connectionMessages), ssh.output(), status);
        }
    }

    private List<String> identity(Path keyFile, String... more) {
        List<String> o = new ArrayList<>(List.of("-i", keyFile.toString(), "-o", "IdentitiesOnly=yes",
                "-o", "PasswordAuthentication=no", "-o", "KbdInteractiveAuthentication=no"));
        o.addAll(List.of(more));
        return o;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
            "ssh-rsa"})
    void openSshClientLogsInWithEveryKeyType(String keyType) throws IOException {
        SshKeyPair key = KeyPairs.generate(keyType, 0, new SecureRandom());
        Path file = writeKey(key, "id_key");
        ServerAuthConfig auth = ServerAuthConfig.builder()
                .publicKey(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(key.publicKey(), "interop"))).build();
        Run r = run(auth, identity(file), true);
        assertEquals(1, r.users().size());
        assertEquals(USER, r.users().get(0).user());
        assertEquals(key.publicKey(), r.users().get(0).publicKey());
        assertTrue(r.output().contains("Authenticated to 127.0.0.1"), r.output());
        String signed = r.requests().get(r.requests().size() - 1).algorithm();
        assertEquals(keyType.equals("ssh-rsa") ? "rsa-sha2-512" : keyType, signed);
    }

    @Test
    void rsaWithSha256WhenTheClientPrefersIt() throws IOException {
        SshKeyPair key = KeyPairs.generate("ssh-rsa", 0, new SecureRandom());
        Path file = writeKey(key, "id_rsa");
        ServerAuthConfig auth = ServerAuthConfig.builder()
                .publicKey(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(key.publicKey(), "interop"))).build();
        Run r = run(auth, identity(file, "-o", "PubkeyAcceptedAlgorithms=rsa-sha2-256"), true);
        assertEquals("rsa-sha2-256", r.requests().get(r.requests().size() - 1).algorithm());
    }

    @Test
    void keyNotListedIsRefused() throws IOException {
        SshKeyPair listed = KeyPairs.generate("ssh-ed25519", 0, new SecureRandom());
        Path other = writeKey(KeyPairs.generate("ssh-ed25519", 0, new SecureRandom()), "id_other");
        ServerAuthConfig auth = ServerAuthConfig.builder()
                .publicKey(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(listed.publicKey(), "interop"))).build();
        Run r = run(auth, identity(other), false);
        assertTrue(r.users().isEmpty());
        assertFalse(r.requests().isEmpty(), "the client offered its key");
        assertTrue(r.requests().stream().noneMatch(PublicKeyAuth::hasSignature), "refused at the query, never signed");
        assertEquals(255, r.status());
        assertTrue(r.output().contains("Permission denied (publickey)"), r.output());
    }

    @Test
    void userCertificateFromSshKeygenIsAcceptedThroughCertAuthority() throws IOException {
        Path ca = dir.resolve("ca");
        Path user = dir.resolve("id_user");
        keygen("-q", "-t", "ed25519", "-N", "", "-C", "ca", "-f", ca.toString());
        keygen("-q", "-t", "ed25519", "-N", "", "-C", "user", "-f", user.toString());
        keygen("-q", "-s", ca.toString(), "-I", "interop-cert", "-n", USER, "-V", "-5m:+1h", user + ".pub");
        assertTrue(Files.exists(dir.resolve("id_user-cert.pub")));
        String caLine = "cert-authority " + Files.readString(dir.resolve("ca.pub")).strip();
        ServerAuthConfig auth = ServerAuthConfig.builder().publicKey(AuthorizedKeys.parse(caLine))
                .epochSeconds(() -> System.currentTimeMillis() / 1000).build();
        Run r = run(auth, identity(user, "-o", "CertificateFile=" + dir.resolve("id_user-cert.pub")), true);
        assertTrue(r.users().get(0).publicKey().isCertificate());
        assertEquals("ssh-ed25519-cert-v01@openssh.com", r.requests().get(r.requests().size() - 1).algorithm());
    }

    private static void keygen(String... args) {
        List<String> cmd = new ArrayList<>(List.of(OpenSsh.SSH_KEYGEN.toString()));
        cmd.addAll(List.of(args));
        BoundedProcess.Result r = BoundedProcess.run(cmd, Duration.ofSeconds(30));
        assertEquals(0, r.exitCode(), "ssh-keygen " + String.join(" ", args) + ":\n" + r.output());
    }
}
