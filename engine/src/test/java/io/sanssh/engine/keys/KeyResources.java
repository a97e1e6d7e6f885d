package io.sanssh.engine.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test data made by real OpenSSH tools (see regenerate.sh beside the files), and a way to run
 * ssh-keygen itself when the machine has it.
 */
final class KeyResources {
    /** 2025-06-01T00:00:00Z: inside the 2024..2034 validity of the test certificates. */
    static final long NOW = 1_748_736_000L;
    static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private KeyResources() {
    }

    /** The text of a resource file in this package's test resources. */
    static String text(String name) {
        try (InputStream in = KeyResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A public key or certificate from a one-line .pub file. */
    static SshPublicKey pub(String name) {
        return PublicKeys.parseOpenSshLine(text(name));
    }

    static OpenSshCertificate cert(String name) {
        return (OpenSshCertificate) pub(name);
    }

    /** An unencrypted private key file. */
    static SshKeyPair privateKey(String name) {
        return PrivateKeyFiles.read(text(name), null);
    }

    /** A seeded, reproducible SecureRandom. */
    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean haveSshKeygen() {
        return Files.isExecutable(SSH_KEYGEN);
    }

    /** Runs a command, returning its exit code and output (stdout and stderr together). */
    static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String output) {
    }
}
