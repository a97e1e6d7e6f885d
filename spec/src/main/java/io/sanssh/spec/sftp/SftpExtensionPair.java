package io.sanssh.spec.sftp;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A name and its data: one {@code string extension_name, string extension_data} pair of
 * {@code SSH_FXP_INIT} and {@code SSH_FXP_VERSION} (draft-ietf-secsh-filexfer-02 §4), or one
 * {@code string extended_type, string extended_data} pair of an ATTRS structure (§5).
 *
 * <p>The name is UTF-8 text (OpenSSH's are ASCII, e.g. {@code "posix-rename@openssh.com"}); the
 * data is arbitrary bytes. OpenSSH announces each extension's version as ASCII digits in the data
 * (PROTOCOL §4.2), which {@link #dataAsText()} returns.
 *
 * @param name the extension or attribute type name
 * @param data the data, uninterpreted
 */
public record SftpExtensionPair(String name, Bytes data) {

    /** Checks that neither part is null. */
    public SftpExtensionPair {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
    }

    /** A pair whose data is the UTF-8 encoding of {@code data}, e.g. {@code of("fsync@openssh.com", "1")}. */
    public static SftpExtensionPair of(String name, String data) {
        return new SftpExtensionPair(name, Bytes.utf8(data));
    }

    /** The data as UTF-8 text (an OpenSSH extension's version number); malformed bytes become U+FFFD. */
    public String dataAsText() {
        return data.toUtf8();
    }

    /** Writes {@code name} then {@code data} as two strings. */
    void encode(SshWriter w) {
        w.writeUtf8(name);
        w.writeString(data);
    }

    /** Reads one pair. */
    static SftpExtensionPair decode(SshReader r) {
        String name = r.readUtf8();
        Bytes data = r.readString();
        return new SftpExtensionPair(name, data);
    }

    /**
     * Reads pairs until the end of the reader: the trailing extension data of INIT and VERSION
     * (draft §4), which has no count. A name without its data is a format error.
     */
    static List<SftpExtensionPair> decodeUntilEnd(SshReader r) {
        List<SftpExtensionPair> pairs = new ArrayList<>();
        while (r.hasRemaining()) {
            pairs.add(decode(r));
        }
        return List.copyOf(pairs);
    }
}
