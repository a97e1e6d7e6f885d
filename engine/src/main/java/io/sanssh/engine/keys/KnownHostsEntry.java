package io.sanssh.engine.keys;

/**
 * One parsed key line of a known_hosts file: {@code [marker] hosts keytype base64key [comment]}.
 *
 * <p>Immutable. Compare entries by line number; the key is a plain key (certificates are not
 * allowed in known_hosts).
 */
public final class KnownHostsEntry {
    /** The optional marker at the start of a line. */
    public enum Marker {
        /** No marker: the host's own key. */
        NONE,
        /** {@code @cert-authority}: a CA whose host certificates are trusted for these hosts. */
        CERT_AUTHORITY,
        /** {@code @revoked}: this key must never be accepted for these hosts. */
        REVOKED
    }

    private final int lineNumber;
    private final Marker marker;
    private final HostPatterns hosts;
    private final SshPublicKey key;
    private final String comment;

    KnownHostsEntry(int lineNumber, Marker marker, HostPatterns hosts, SshPublicKey key, String comment) {
        this.lineNumber = lineNumber;
        this.marker = marker;
        this.hosts = hosts;
        this.key = key;
        this.comment = comment;
    }

    /** The 1-based line number in the parsed text. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The marker, {@link Marker#NONE} if the line has none. */
    public Marker marker() {
        return marker;
    }

    /** The host field as written: a pattern list or a hashed name. */
    public String hosts() {
        return hosts.field();
    }

    /** Whether the host field is a hashed name ({@code |1|...}). */
    public boolean isHashed() {
        return hosts.isHashed();
    }

    /** The key on the line. */
    public SshPublicKey key() {
        return key;
    }

    /** The comment after the key, or the empty string. */
    public String comment() {
        return comment;
    }

    /**
     * Whether this line applies to {@code name}, given as {@link KnownHosts#hostKeyName}
     * produces it ({@code host} for port 22, {@code [host]:port} otherwise).
     */
    public boolean matchesHost(String name) {
        return hosts.matches(name);
    }

    @Override
    public String toString() {
        return "line " + lineNumber + ": " + (marker == Marker.NONE ? "" : marker + " ") + hosts.field() + " "
                + key;
    }
}
