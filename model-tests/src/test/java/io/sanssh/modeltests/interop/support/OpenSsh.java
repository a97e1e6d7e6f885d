package io.sanssh.modeltests.interop.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The installed OpenSSH programs (Debian's openssh-server and openssh-client, 9.2p1 here): where
 * they are, a JUnit assumption per program that names what is missing, and {@code ssh -Q} queries
 * run at test time so that the matrix follows the peer actually installed.
 */
public final class OpenSsh {
    /** The server daemon. */
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    /** The client. */
    public static final Path SSH = Path.of("/usr/bin/ssh");
    /** The key generator. */
    public static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private static final Map<String, List<String>> QUERIES = new ConcurrentHashMap<>();

    private OpenSsh() {
    }

    /** Skips the calling test unless {@code program} is installed and executable. */
    public static void assume(Path program, String debianPackage) {
        Assumptions.assumeTrue(Files.isExecutable(program), program + " is not installed (Debian package "
                + debianPackage + "; ./run-tests installs it when run as root): interop test skipped");
    }

    /** Skips the calling test unless sshd and ssh-keygen are installed. */
    public static void assumeServer() {
        assume(SSHD, "openssh-server");
        assume(SSH_KEYGEN, "openssh-client");
    }

    /** Skips the calling test unless the ssh client is installed. */
    public static void assumeClient() {
        assume(SSH, "openssh-client");
    }

    /**
     * What {@code ssh -Q what} prints, one name per line (e.g. {@code kex}, {@code cipher}, {@code
     * mac}, {@code HostKeyAlgorithms}); empty if ssh is missing. Cached per JVM.
     */
    public static List<String> query(String what) {
        if (!Files.isExecutable(SSH)) {
            return List.of();
        }
        return QUERIES.computeIfAbsent(what, OpenSsh::runQuery);
    }

    private static List<String> runQuery(String what) {
        BoundedProcess.Result r = BoundedProcess.run(List.of(SSH.toString(), "-Q", what), Duration.ofSeconds(10));
        if (r.exitCode() != 0) {
            throw new IllegalStateException("ssh -Q " + what + " failed: " + r.output());
        }
        List<String> names = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        return List.copyOf(names);
    }

    /** The first word of {@code ssh -V}, e.g. {@code OpenSSH_9.2p1}. */
    public static String shortVersion() {
        String v = version();
        int sp = v.indexOf(' ');
        return sp < 0 ? v : v.substring(0, sp);
    }

    /** The version line of {@code ssh -V}, e.g. {@code OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL ...}. */
    public static String version() {
        if (!Files.isExecutable(SSH)) {
            return "ssh not installed";
        }
        return QUERIES.computeIfAbsent("-V", k ->
                List.of(BoundedProcess.run(List.of(SSH.toString(), "-V"), Duration.ofSeconds(10)).output().strip()))
                .get(0);
    }
}
