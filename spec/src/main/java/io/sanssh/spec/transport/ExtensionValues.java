package io.sanssh.spec.transport;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.algorithm.ExtensionNames;
import io.sanssh.spec.transport.ExtInfo.Extension;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The value formats of the known {@code SSH_MSG_EXT_INFO} extensions (RFC 8308 §3, OpenSSH
 * PROTOCOL): factories that build an {@link Extension} for sending, and parsers for received
 * values.
 *
 * <p>Parsers throw {@link SshFormatException} for a malformed value. RFC 8308 does not say whether
 * a bad value of a known extension ends the connection; the engine may choose to ignore the
 * extension instead.
 */
public final class ExtensionValues {
    private ExtensionValues() {
    }

    /** The value "0": the version of {@code ping@openssh.com} and {@code publickey-hostbound@openssh.com}. */
    public static final Bytes VERSION_0 = Bytes.utf8("0");

    /**
     * The two compression lists of {@code delay-compression} (RFC 8308 §3.2). Negotiated like the
     * KEXINIT lists; compression starts at {@link NewCompress}.
     *
     * @param c2s compression algorithms, client to server
     * @param s2c compression algorithms, server to client
     */
    public record DelayCompression(List<String> c2s, List<String> s2c) {
        /** Checks the names and copies the lists. */
        public DelayCompression {
            c2s = FieldChecks.nameList(c2s, "c2s");
            s2c = FieldChecks.nameList(s2c, "s2c");
        }
    }

    /** The {@code no-flow-control} choices (RFC 8308 §3.3). */
    public enum NoFlowControl {
        /** "p": the sender prefers no flow control. */
        PREFERRED("p"),
        /** "s": the sender supports no flow control. */
        SUPPORTED("s");

        private final String wire;

        NoFlowControl(String wire) {
            this.wire = wire;
        }

        /** The value as sent. */
        public String wire() {
            return wire;
        }
    }

    /** The {@code elevation} choices (RFC 8308 §3.4). */
    public enum Elevation {
        /** "y": elevate the session. */
        YES("y"),
        /** "n": do not elevate. */
        NO("n"),
        /** "d": the server's default. */
        DEFAULT("d");

        private final String wire;

        Elevation(String wire) {
            this.wire = wire;
        }

        /** The value as sent. */
        public String wire() {
            return wire;
        }
    }

    /**
     * {@code server-sig-algs} (RFC 8308 §3.1): the value is the name-list's content without its own
     * length prefix. A server lists every signature algorithm it accepts in publickey authentication.
     */
    public static Extension serverSigAlgs(List<String> algorithms) {
        String joined = String.join(",", FieldChecks.nameList(algorithms, "algorithms"));
        return new Extension(ExtensionNames.SERVER_SIG_ALGS, Bytes.wrap(joined.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Reads a {@code server-sig-algs} value.
     *
     * @throws SshFormatException if it is not a valid name-list
     */
    public static List<String> parseServerSigAlgs(Bytes value) {
        // A name-list's content is exactly the value; give it back its length prefix and reuse the
        // strict reader.
        byte[] framed = new SshWriter(value.length() + 4).writeString(value).toByteArray();
        return new SshReader(framed).readNameList();
    }

    /** {@code delay-compression} (RFC 8308 §3.2): two name-lists inside the value. */
    public static Extension delayCompression(List<String> c2s, List<String> s2c) {
        DelayCompression d = new DelayCompression(c2s, s2c);
        SshWriter w = new SshWriter();
        w.writeNameList(d.c2s()).writeNameList(d.s2c());
        return new Extension(ExtensionNames.DELAY_COMPRESSION, w.toBytes());
    }

    /**
     * Reads a {@code delay-compression} value.
     *
     * @throws SshFormatException if it is not exactly two name-lists
     */
    public static DelayCompression parseDelayCompression(Bytes value) {
        SshReader r = SshReader.of(value);
        DelayCompression d = new DelayCompression(r.readNameList(), r.readNameList());
        r.expectEnd("delay-compression value");
        return d;
    }

    /** {@code no-flow-control} (RFC 8308 §3.3). */
    public static Extension noFlowControl(NoFlowControl choice) {
        return new Extension(ExtensionNames.NO_FLOW_CONTROL, Bytes.utf8(choice.wire()));
    }

    /**
     * Reads a {@code no-flow-control} value.
     *
     * @throws SshFormatException if it is neither "p" nor "s"
     */
    public static NoFlowControl parseNoFlowControl(Bytes value) {
        for (NoFlowControl c : NoFlowControl.values()) {
            if (Bytes.utf8(c.wire()).equals(value)) {
                return c;
            }
        }
        throw new SshFormatException("no-flow-control value " + value + " is neither p nor s");
    }

    /** {@code elevation} (RFC 8308 §3.4). */
    public static Extension elevation(Elevation choice) {
        return new Extension(ExtensionNames.ELEVATION, Bytes.utf8(choice.wire()));
    }

    /**
     * Reads an {@code elevation} value.
     *
     * @throws SshFormatException if it is not "y", "n" or "d"
     */
    public static Elevation parseElevation(Bytes value) {
        for (Elevation c : Elevation.values()) {
            if (Bytes.utf8(c.wire()).equals(value)) {
                return c;
            }
        }
        throw new SshFormatException("elevation value " + value + " is not y, n or d");
    }

    /** {@code ping@openssh.com} version "0" (OpenSSH PROTOCOL §1.9): we answer PING with PONG. */
    public static Extension ping() {
        return new Extension(ExtensionNames.PING, VERSION_0);
    }

    /**
     * {@code publickey-hostbound@openssh.com} version "0": the server accepts the
     * {@code publickey-hostbound-v00@openssh.com} authentication method.
     */
    public static Extension publickeyHostbound() {
        return new Extension(ExtensionNames.PUBLICKEY_HOSTBOUND, VERSION_0);
    }
}
