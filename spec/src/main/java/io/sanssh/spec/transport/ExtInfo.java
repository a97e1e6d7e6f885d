package io.sanssh.spec.transport;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.algorithm.ExtensionNames;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code SSH_MSG_EXT_INFO} (RFC 8308 §2.3): the extensions a side supports, sent only to a peer
 * that asked with {@code ext-info-c}/{@code ext-info-s}. A server sends it right after its first
 * NEWKEYS and may send it again just before USERAUTH_SUCCESS; a client only after its first NEWKEYS
 * (RFC 8308 §2.4).
 *
 * <p>Extensions keep the sender's order. A name may appear only once; a repeated name is rejected
 * so that no reader has to decide which value wins. Unknown extensions must be ignored by the
 * receiver (RFC 8308 §2.5), so values stay raw bytes here; {@link ExtensionValues} reads the known
 * ones.
 *
 * @param extensions the (name, value) pairs in order
 */
public record ExtInfo(List<Extension> extensions) implements SshMessage {

    /**
     * One extension: a name and its value, whose format depends on the name.
     *
     * @param name non-empty printable US-ASCII (RFC 4251 §6 naming)
     * @param value the raw {@code extension-value} bytes
     */
    public record Extension(String name, Bytes value) {
        /** Requires a non-empty printable ASCII name and a non-null value. */
        public Extension {
            FieldChecks.ascii(name, "extension name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("extension name is empty");
            }
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Copies the list and rejects repeated names.
     *
     * @throws IllegalArgumentException if two extensions have the same name
     */
    public ExtInfo {
        extensions = List.copyOf(Objects.requireNonNull(extensions, "extensions"));
        Set<String> seen = new HashSet<>();
        for (Extension e : extensions) {
            if (!seen.add(e.name())) {
                throw new IllegalArgumentException("extension " + e.name() + " appears twice");
            }
        }
    }

    /** An EXT_INFO with the given extensions, in that order. */
    public static ExtInfo of(Extension... extensions) {
        return new ExtInfo(List.of(extensions));
    }

    /** The raw value of extension {@code name}, if present. */
    public Optional<Bytes> value(String name) {
        for (Extension e : extensions) {
            if (e.name().equals(name)) {
                return Optional.of(e.value());
            }
        }
        return Optional.empty();
    }

    /** Whether extension {@code name} is present. */
    public boolean has(String name) {
        return value(name).isPresent();
    }

    /**
     * The server's accepted signature algorithms for user authentication (RFC 8308 §3.1), if sent.
     *
     * @throws SshFormatException if the value is not a valid name-list
     */
    public Optional<List<String>> serverSigAlgs() {
        return value(ExtensionNames.SERVER_SIG_ALGS).map(ExtensionValues::parseServerSigAlgs);
    }

    /**
     * The compression lists of {@code delay-compression} (RFC 8308 §3.2), if sent.
     *
     * @throws SshFormatException if the value is not two name-lists
     */
    public Optional<ExtensionValues.DelayCompression> delayCompression() {
        return value(ExtensionNames.DELAY_COMPRESSION).map(ExtensionValues::parseDelayCompression);
    }

    /**
     * The {@code no-flow-control} choice (RFC 8308 §3.3), if sent.
     *
     * @throws SshFormatException if the value is neither "p" nor "s"
     */
    public Optional<ExtensionValues.NoFlowControl> noFlowControl() {
        return value(ExtensionNames.NO_FLOW_CONTROL).map(ExtensionValues::parseNoFlowControl);
    }

    /**
     * The {@code elevation} choice (RFC 8308 §3.4), if sent.
     *
     * @throws SshFormatException if the value is not "y", "n" or "d"
     */
    public Optional<ExtensionValues.Elevation> elevation() {
        return value(ExtensionNames.ELEVATION).map(ExtensionValues::parseElevation);
    }

    /** Whether the peer announced {@code ping@openssh.com} version "0" (OpenSSH PROTOCOL §1.9). */
    public boolean supportsPing() {
        return value(ExtensionNames.PING).filter(ExtensionValues.VERSION_0::equals).isPresent();
    }

    /** Whether the server announced {@code publickey-hostbound@openssh.com} version "0". */
    public boolean supportsPublickeyHostbound() {
        return value(ExtensionNames.PUBLICKEY_HOSTBOUND).filter(ExtensionValues.VERSION_0::equals).isPresent();
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.EXT_INFO;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeInt(extensions.size());
        for (Extension e : extensions) {
            w.writeAscii(e.name()).writeString(e.value());
        }
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static ExtInfo readBody(SshReader r) {
        long count = r.readUint32();
        // Each extension takes at least two length prefixes: a larger count cannot be honest, and
        // refusing it early keeps a hostile count from sizing anything.
        if (count > r.remaining() / 8) {
            throw new SshFormatException("EXT_INFO claims " + count + " extensions in " + r.remaining() + " bytes");
        }
        List<Extension> list = new ArrayList<>((int) count);
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < count; i++) {
            String name = r.readAscii();
            if (name.isEmpty()) {
                throw new SshFormatException("EXT_INFO has an empty extension name");
            }
            if (!seen.add(name)) {
                throw new SshFormatException("EXT_INFO repeats extension " + name);
            }
            list.add(new Extension(name, r.readString()));
        }
        return new ExtInfo(list);
    }
}
