package io.sanssh.drivers.api;

import io.sanssh.engine.keys.CertificateChecker;
import io.sanssh.engine.keys.KnownHosts;
import io.sanssh.engine.keys.KnownHostsEntry;
import io.sanssh.engine.keys.KnownHostsMatch;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.engine.transport.HostKeyVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.List;

/**
 * A {@link HostKeyVerifier} for one connection, deciding from an OpenSSH known_hosts file (or keys
 * the application pinned) with {@link StrictHostKeyChecking} semantics:
 *
 * <ul>
 *   <li>pinned keys given: the key must be one of them, nothing else counts;
 *   <li>listed (or certified by a listed {@code @cert-authority} with a valid host certificate): accept;
 *   <li>revoked: refuse, whatever the mode;
 *   <li>changed (another key of the same type listed): refuse, except in mode {@code NO};
 *   <li>unknown: {@code YES} refuses, {@code ACCEPT_NEW} and {@code NO} accept and remember a
 *       line to append, {@code ASK} leaves the decision to the application.
 * </ul>
 *
 * The file is read when this object is made, not on the engine thread; {@link #recordNewHost()}
 * appends after the engine accepted. Decisions are kept so that a refusal can be reported as a
 * typed {@link HostKeyRejectedException}.
 */
public final class KnownHostsVerifier implements HostKeyVerifier {
    private final String host;
    private final int port;
    private final Path file;
    /** The known_hosts rules themselves (pure); this class adds pinning, files and typed refusals. */
    private final io.sanssh.engine.transport.KnownHostsVerifier check;
    private final List<SshPublicKey> pinned;
    private final boolean hash;
    private final SecureRandom random;
    private volatile HostKeyRejectedException rejection;
    private volatile String lineToAppend;
    private volatile SshPublicKey accepted;

    /**
     * @param host the host name or address as the user gave it
     * @param port the port connected to
     * @param file the known_hosts file; {@code null} or missing means no host is known
     * @param mode what to do with an unknown host
     * @param pinned keys to trust exclusively; empty to use known_hosts
     * @param hash whether a recorded line hashes the host name (OpenSSH's HashKnownHosts)
     * @param random the salt source for hashed lines
     * @throws IOException if the file exists but cannot be read
     */
    public KnownHostsVerifier(String host, int port, Path file, StrictHostKeyChecking mode, List<SshPublicKey> pinned,
                              boolean hash, SecureRandom random) throws IOException {
        this.host = host;
        this.port = port;
        this.file = file;
        this.pinned = List.copyOf(pinned);
        this.hash = hash;
        this.random = random;
        String text = file != null && Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        this.check = new io.sanssh.engine.transport.KnownHostsVerifier(KnownHosts.parse(text), host, port,
                policy(mode), CertificateChecker.defaults(), () -> System.currentTimeMillis() / 1000);
    }

    private static io.sanssh.engine.transport.KnownHostsVerifier.Policy policy(StrictHostKeyChecking mode) {
        return switch (mode) {
            case YES -> io.sanssh.engine.transport.KnownHostsVerifier.Policy.YES;
            case ACCEPT_NEW -> io.sanssh.engine.transport.KnownHostsVerifier.Policy.ACCEPT_NEW;
            case NO -> io.sanssh.engine.transport.KnownHostsVerifier.Policy.NO;
            case ASK -> io.sanssh.engine.transport.KnownHostsVerifier.Policy.ASK;
        };
    }

    /** The host's name as known_hosts files it. */
    public String hostName() {
        return KnownHosts.hostKeyName(host, port);
    }

    /**
     * Decides about {@code key}. Within one connection only the first key is checked against the
     * file: a re-exchange (RFC 4253 §9) must present that same key again, or it is refused.
     */
    @Override
    public Decision verify(SshPublicKey key, String algorithm) {
        SshPublicKey first = accepted;
        if (first != null) {
            return first.equals(key) ? Decision.ACCEPT : reject(HostKeyRejectedException.Reason.CHANGED, key,
                    "the server presented another host key in a key re-exchange (first " + first.fingerprint() + ")");
        }
        Decision d = decide(key);
        if (d == Decision.ACCEPT) {
            accepted = key;
        }
        return d;
    }

    private Decision decide(SshPublicKey key) {
        if (!pinned.isEmpty()) {
            if (pinned.contains(key) || pinned.contains(key.plainKey())) {
                return Decision.ACCEPT;
            }
            return reject(HostKeyRejectedException.Reason.NOT_PINNED, key, "not one of the " + pinned.size()
                    + " pinned host key(s)");
        }
        Decision d = check.verify(key, null);
        KnownHostsMatch match = check.lastMatch();
        KnownHostsEntry line = match.entry();
        switch (match.status()) {
            case TRUSTED_BY_CA:
                return d == Decision.ACCEPT ? d : reject(HostKeyRejectedException.Reason.CHANGED, key,
                        "host certificate not valid: " + check.lastCertificateCheck().detail());
            case REVOKED:
                return reject(HostKeyRejectedException.Reason.REVOKED, key, "revoked in " + file + " line "
                        + line.lineNumber());
            case CHANGED:
                return d == Decision.ACCEPT ? d : reject(HostKeyRejectedException.Reason.CHANGED, key,
                        "REMOTE HOST IDENTIFICATION HAS CHANGED: " + file + " line " + line.lineNumber()
                        + " lists another " + key.keyType() + " key (" + line.key().fingerprint() + ")");
            case UNKNOWN:
                if (d == Decision.REJECT) {
                    return reject(HostKeyRejectedException.Reason.UNKNOWN_HOST, key, "no " + key.keyType()
                            + " key for " + hostName() + " in " + (file == null ? "(no known_hosts file)" : file)
                            + " and StrictHostKeyChecking is yes");
                }
                if (d == Decision.ACCEPT) {
                    lineToAppend = KnownHosts.formatEntry(host, port, key, hash, random);
                }
                return d;
            default:
                return d;
        }
    }

    /** Called when the application's prompt declined the key. */
    void declined(SshPublicKey key) {
        reject(HostKeyRejectedException.Reason.DECLINED, key, "declined by the user");
    }

    /** Called when the application's prompt accepted an unknown key: it is recorded like accept-new. */
    void confirmed(SshPublicKey key) {
        accepted = key;
        lineToAppend = KnownHosts.formatEntry(host, port, key, hash, random);
    }

    private Decision reject(HostKeyRejectedException.Reason reason, SshPublicKey key, String detail) {
        rejection = new HostKeyRejectedException(reason, hostName(), key.fingerprint(), detail);
        return Decision.REJECT;
    }

    /** Why the key was refused, or {@code null} if it was not. */
    public HostKeyRejectedException rejection() {
        return rejection;
    }

    /**
     * Appends the line for a newly accepted host to the known_hosts file (creating it and its
     * directory, owner-only), once; does nothing if no new host was accepted or there is no file.
     *
     * @return the line appended, or {@code null}
     */
    public String recordNewHost() throws IOException {
        String line = lineToAppend;
        lineToAppend = null;
        if (line == null || file == null) {
            return null;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        String text = line + "\n";
        if (Files.exists(file)) {
            String existing = Files.readString(file, StandardCharsets.UTF_8);
            if (!existing.isEmpty() && !existing.endsWith("\n")) {
                text = "\n" + text;
            }
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return line;
    }
}
