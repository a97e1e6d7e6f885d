package io.sanssh.drivers.api;

import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PrivateKeyFiles;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** Reads private key files, and makes a server's host key on first start. */
public final class HostKeyFiles {
    private HostKeyFiles() {
    }

    /**
     * Reads an unencrypted private key file (OpenSSH or PEM format).
     *
     * @throws io.sanssh.engine.keys.KeyFileException if it is not a usable unencrypted key
     * @throws IOException if it cannot be read
     */
    public static SshKeyPair read(Path file) throws IOException {
        return read(file, null);
    }

    /** Reads a private key file, decrypting it with {@code passphrase} if it is encrypted. */
    public static SshKeyPair read(Path file, char[] passphrase) throws IOException {
        return PrivateKeyFiles.read(Files.readString(file, StandardCharsets.UTF_8), passphrase);
    }

    /**
     * Loads the host key in {@code file}, or, if there is none, generates an Ed25519 key and writes
     * it there in OpenSSH format (owner-only permissions) with its public half in {@code file.pub},
     * as {@code ssh-keygen -t ed25519 -N ''} would.
     */
    public static SshKeyPair loadOrGenerate(Path file, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        SshKeyPair key = KeyPairs.generate(PublicKeys.ED25519, 0, random);
        writeNew(file, key, "sanssh host key");
        return key;
    }

    /**
     * Writes {@code key} to {@code file} (a new file, owner read/write only) in OpenSSH format, and
     * its public line to {@code file.pub}.
     *
     * @throws FileAlreadyExistsException if {@code file} exists
     */
    public static void writeNew(Path file, SshKeyPair key, String comment) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        String text = PrivateKeyFiles.writeOpenSsh(key, comment);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(Path.of(file + ".pub"), PublicKeys.toOpenSshLine(key.publicKey(), comment) + "\n",
                StandardCharsets.US_ASCII);
    }
}
