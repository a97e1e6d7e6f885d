package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpExtensionPair;
import io.sanssh.spec.sftp.SftpReply;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a client learned about its server: the protocol version and the extensions its VERSION
 * announced (OpenSSH PROTOCOL §4.2), and the server's limits once a {@code limits@openssh.com}
 * request was answered (§4.8).
 *
 * <p>A client sends an extension request only when the extension's name was announced; the data
 * of the announcement is the extension's version ("2" for statvfs, "1" for the others in
 * OpenSSH 9.2). When a name is announced more than once the last version wins.
 */
public final class SftpServerExtensions {
    private final int version;
    private final List<SftpExtensionPair> announced;
    private final Map<String, String> versions = new LinkedHashMap<>();
    private LimitsReply limits;

    /** Records the VERSION a server sent. */
    SftpServerExtensions(SftpReply.Version version) {
        this.version = version.version();
        this.announced = version.extensions();
        for (SftpExtensionPair p : announced) {
            versions.put(p.name(), p.dataAsText());
        }
    }

    /** The protocol version the server answered with (3 for every server this client accepts). */
    public int version() {
        return version;
    }

    /** Every name/data pair of the VERSION, in wire order. */
    public List<SftpExtensionPair> announced() {
        return announced;
    }

    /** The names of the announced extensions, in wire order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(versions.keySet());
    }

    /** Whether the server announced extension {@code name}, e.g. {@code "posix-rename@openssh.com"}. */
    public boolean offers(String name) {
        return versions.containsKey(name);
    }

    /** The version the server announced for {@code name}, e.g. "2" for statvfs. */
    public Optional<String> versionOf(String name) {
        return Optional.ofNullable(versions.get(name));
    }

    /**
     * The server's limits, once a {@code limits@openssh.com} request succeeded; empty before, and
     * always for a server that does not offer the extension.
     */
    public Optional<LimitsReply> limits() {
        return Optional.ofNullable(limits);
    }

    /** Records the answer to a limits request (the session calls this on success). */
    void recordLimits(LimitsReply reply) {
        this.limits = reply;
    }

    @Override
    public String toString() {
        return "SftpServerExtensions[version " + version + ", " + versions + (limits == null ? "" : ", " + limits) + "]";
    }
}
