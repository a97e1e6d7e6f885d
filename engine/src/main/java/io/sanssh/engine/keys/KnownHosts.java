package io.sanssh.engine.keys;

import io.sanssh.engine.keys.KnownHostsEntry.Marker;
import io.sanssh.engine.keys.KnownHostsMatch.Status;
import io.sanssh.spec.wire.SshFormatException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An OpenSSH known_hosts file (sshd(8), SSH_KNOWN_HOSTS FILE FORMAT), parsed from text the caller
 * read, and the host key lookup a client makes against it.
 *
 * <p>Each line is {@code [@cert-authority|@revoked] hosts keytype base64key [comment]}. Blank lines
 * and {@code #} comments are skipped. A line that cannot be used (malformed, an unknown marker, a
 * key type Sanssh does not support, a certificate) is skipped and reported in {@link #warnings};
 * parsing never throws. Immutable and thread-safe.
 */
public final class KnownHosts {
    /** The SSH port, for which host names are written without brackets. */
    public static final int DEFAULT_PORT = 22;

    /**
     * A line that was skipped, and why.
     *
     * @param lineNumber the 1-based line number
     * @param message what is wrong with the line
     */
    public record Warning(int lineNumber, String message) {
    }

    private final List<KnownHostsEntry> entries;
    private final List<Warning> warnings;

    private KnownHosts(List<KnownHostsEntry> entries, List<Warning> warnings) {
        this.entries = List.copyOf(entries);
        this.warnings = List.copyOf(warnings);
    }

    /** Parses the text of a known_hosts file (any line endings). Never throws for bad content. */
    public static KnownHosts parse(String text) {
        List<KnownHostsEntry> entries = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                entries.add(parseLine(i + 1, line));
            } catch (IllegalArgumentException | SshFormatException e) {
                warnings.add(new Warning(i + 1, e.getMessage()));
            }
        }
        return new KnownHosts(entries, warnings);
    }

    private static KnownHostsEntry parseLine(int number, String line) {
        String rest = line;
        Marker marker = Marker.NONE;
        if (rest.startsWith("@")) {
            String[] split = rest.split("[ \t]+", 2);
            if (split[0].equals("@cert-authority")) {
                marker = Marker.CERT_AUTHORITY;
            } else if (split[0].equals("@revoked")) {
                marker = Marker.REVOKED;
            } else {
                throw new IllegalArgumentException("unknown marker " + split[0]);
            }
            rest = split.length > 1 ? split[1] : "";
        }
        String[] words = rest.split("[ \t]+", 4);
        if (words.length < 3) {
            throw new IllegalArgumentException("line needs hosts, a key type and a key");
        }
        HostPatterns hosts = HostPatterns.parse(words[0]);
        String type = words[1];
        if (type.endsWith(PublicKeys.CERT_SUFFIX)) {
            throw new IllegalArgumentException("certificates do not belong in known_hosts; list the CA key");
        }
        if (!PublicKeys.ED25519.equals(type) && !PublicKeys.RSA.equals(type) && EcCurve.fromKeyType(type) == null) {
            throw new IllegalArgumentException("unsupported key type " + type);
        }
        SshPublicKey key = PublicKeys.parse(PublicKeys.decodeBase64(words[2]));
        if (!key.keyType().equals(type)) {
            throw new IllegalArgumentException("line says " + type + " but the key is " + key.keyType());
        }
        String comment = words.length > 3 ? words[3].strip() : "";
        return new KnownHostsEntry(number, marker, hosts, key, comment);
    }

    /** The usable lines, in file order. */
    public List<KnownHostsEntry> entries() {
        return entries;
    }

    /** The skipped lines and why, in file order. */
    public List<Warning> warnings() {
        return warnings;
    }

    /**
     * The name a host is filed under: the lowercased host for port 22, {@code [host]:port}
     * otherwise.
     */
    public static String hostKeyName(String host, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        String lower = host.toLowerCase(Locale.ROOT);
        return port == DEFAULT_PORT ? lower : "[" + lower + "]:" + port;
    }

    /**
     * Looks up the key a server at {@code host}:{@code port} presented, as OpenSSH's client does.
     *
     * <p>Only lines whose host field matches apply. In order: a {@code @revoked} line listing the
     * key (or its certificate's CA) gives REVOKED; for a certificate, a {@code @cert-authority}
     * line listing its CA gives TRUSTED_BY_CA (then check it with {@link CertificateChecker});
     * a plain line listing the key (for a certificate, the certified key) gives TRUSTED; a plain
     * line with another key of the same type gives CHANGED; else UNKNOWN. As OpenSSH does, a
     * host on a port other than 22 that is UNKNOWN under {@code [host]:port} is trusted if the
     * port-less name trusts the key.
     */
    public KnownHostsMatch check(String host, int port, SshPublicKey key) {
        KnownHostsMatch match = checkName(hostKeyName(host, port), key);
        if (match.status() == Status.UNKNOWN && port != DEFAULT_PORT) {
            KnownHostsMatch portless = checkName(hostKeyName(host, DEFAULT_PORT), key);
            if (portless.status() == Status.TRUSTED || portless.status() == Status.TRUSTED_BY_CA) {
                return portless;
            }
        }
        return match;
    }

    private KnownHostsMatch checkName(String name, SshPublicKey key) {
        SshPublicKey plain = key.plainKey();
        SshPublicKey ca = key instanceof OpenSshCertificate cert ? cert.signatureKey() : null;
        List<KnownHostsEntry> applicable = new ArrayList<>();
        for (KnownHostsEntry e : entries) {
            if (e.matchesHost(name)) {
                applicable.add(e);
            }
        }
        for (KnownHostsEntry e : applicable) {
            if (e.marker() == Marker.REVOKED && (e.key().equals(plain) || e.key().equals(ca))) {
                return new KnownHostsMatch(Status.REVOKED, e);
            }
        }
        if (ca != null) {
            for (KnownHostsEntry e : applicable) {
                if (e.marker() == Marker.CERT_AUTHORITY && e.key().equals(ca)) {
                    return new KnownHostsMatch(Status.TRUSTED_BY_CA, e);
                }
            }
        }
        for (KnownHostsEntry e : applicable) {
            if (e.marker() == Marker.NONE && e.key().equals(plain)) {
                return new KnownHostsMatch(Status.TRUSTED, e);
            }
        }
        for (KnownHostsEntry e : applicable) {
            if (e.marker() == Marker.NONE && e.key().keyType().equals(plain.keyType())) {
                return new KnownHostsMatch(Status.CHANGED, e);
            }
        }
        return KnownHostsMatch.unknown();
    }

    /**
     * Formats a line to append for a newly accepted host key (accept-new), without a line end.
     * A certificate is recorded as the key it certifies, as OpenSSH does.
     *
     * @param hashed whether to hash the host name ({@code HashKnownHosts}); needs {@code random}
     *     for the 20-byte salt
     * @param random the salt source; may be null when {@code hashed} is false
     */
    public static String formatEntry(String host, int port, SshPublicKey key, boolean hashed,
            SecureRandom random) {
        String name = hostKeyName(host, port);
        if (hashed) {
            byte[] salt = new byte[HostPatterns.HASH_BYTES];
            random.nextBytes(salt);
            name = HostPatterns.hashed(name, salt);
        }
        return name + " " + PublicKeys.toOpenSshLine(key.plainKey(), null);
    }
}
