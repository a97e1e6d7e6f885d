package io.sanssh.modeltests.interop.session;

import io.sanssh.cli.Main;
import io.sanssh.drivers.api.HostKeyFiles;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.modeltests.interop.support.BoundedProcess;
import io.sanssh.modeltests.interop.support.OpenSshServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs one sftp batch file through OpenSSH's {@code sftp -b} and through {@code sanssh sftp -b}
 * against the same OpenSSH server, for the tests that hold our client's output, exit status and
 * resulting files to OpenSSH's.
 */
final class SftpBatchRuns {
    static final Path SFTP = Path.of("/usr/bin/sftp");

    /** How a batch run ended: its exit status, standard output and standard error. */
    record Run(int status, String out, String err) {
        /** The standard output's lines, each as printed (trailing spaces kept). */
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private SftpBatchRuns() {
    }

    /** A fresh user key in {@code dir}, authorized on {@code sshd}; returns the private key file. */
    static Path authorizedKey(OpenSshServer sshd, Path dir) throws IOException {
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, new SecureRandom());
        Path key = dir.resolve("id_ed25519");
        HostKeyFiles.writeNew(key, user, "sftp-batch");
        sshd.authorize(PublicKeys.toOpenSshLine(user.publicKey(), "sftp-batch"));
        return key;
    }

    /** Runs OpenSSH's sftp on {@code batch} against {@code sshd}, stdin closed, stdout and stderr apart. */
    static Run openSsh(OpenSshServer sshd, Path key, Path batch) throws IOException {
        Path err = Files.createTempFile("sanssh-sftp", ".err");
        try {
            // sh keeps stderr apart: BoundedProcess merges it into stdout
            BoundedProcess.Result r = BoundedProcess.run(List.of("sh", "-c", "exec \"$0\" \"$@\" 2>" + err,
                    SFTP.toString(), "-F", "/dev/null", "-b", batch.toString(), "-i", key.toString(), "-o",
                    "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o",
                    "IdentityAgent=none", "-P", Integer.toString(sshd.port()), sshd.user() + "@127.0.0.1"),
                    Duration.ofSeconds(60));
            return new Run(r.exitCode(), r.output(), Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Runs {@code sanssh sftp} in process on {@code batch} against {@code sshd}. */
    static Run sanssh(OpenSshServer sshd, Path key, Path batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("sftp", "-F", "none", "-b", batch.toString(), "-i", key.toString(), "-o",
                "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-p",
                Integer.toString(sshd.port()), sshd.user() + "@127.0.0.1"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The output of each command of a batch run, by command, from the {@code sftp> } echo lines. */
    static Map<String, List<String>> sections(String output) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : output.lines().toList()) {
            if (line.startsWith("sftp> ")) {
                current = new ArrayList<>();
                m.put(line.substring("sftp> ".length()), current);
            } else if (current != null) {
                current.add(line.stripTrailing());
            }
        }
        return m;
    }

    /** The files under {@code base} (batch file aside), as relative paths with their sizes. */
    static List<String> files(Path base) throws IOException {
        return files(base, p -> false, false);
    }

    /**
     * The files and directories under {@code base} (batch file aside), as relative paths: a
     * directory with '/', a file with its size, symbolic links with "->"; with {@code modes}
     * each with its permissions, and with its modification time where {@code withTime} says.
     */
    static List<String> files(Path base, Predicate<String> withTime, boolean modes) throws IOException {
        List<String> found = new ArrayList<>();
        try (var walk = Files.walk(base)) {
            for (Path f : walk.filter(f -> !f.getFileName().toString().equals("batch")).toList()) {
                String rel = base.relativize(f).toString();
                StringBuilder s = new StringBuilder(rel);
                if (Files.isSymbolicLink(f)) {
                    found.add(s.append(" -> ").append(Files.readSymbolicLink(f)).toString());
                    continue;
                }
                s.append(Files.isDirectory(f) ? "/" : " " + Files.size(f));
                if (modes) {
                    s.append(' ').append(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
                }
                if (withTime.test(rel)) {
                    s.append(' ').append(Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS));
                }
                found.add(s.toString());
            }
        }
        found.sort(null);
        return found;
    }
}
