package io.sanssh.spec.connection;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.List;
import java.util.Objects;

/**
 * The request-specific data of {@code SSH_MSG_GLOBAL_REQUEST} (RFC 4254 §4): what follows the
 * want-reply flag. One record per request this library knows; {@link UnknownGlobal} keeps the
 * bytes of any other, which the recipient answers with {@code SSH_MSG_REQUEST_FAILURE}.
 */
public sealed interface GlobalRequestBody {
    /** Remote port forwarding (RFC 4254 §7.1). */
    String TCPIP_FORWARD = "tcpip-forward";
    /** Cancels remote port forwarding (RFC 4254 §7.1). */
    String CANCEL_TCPIP_FORWARD = "cancel-tcpip-forward";
    /** Remote Unix socket forwarding (OpenSSH PROTOCOL §2.4). */
    String STREAMLOCAL_FORWARD = "streamlocal-forward@openssh.com";
    /** Cancels remote Unix socket forwarding (OpenSSH PROTOCOL §2.4). */
    String CANCEL_STREAMLOCAL_FORWARD = "cancel-streamlocal-forward@openssh.com";
    /** OpenSSH's liveness probe; the recipient answers it (success or failure alike). */
    String KEEPALIVE = "keepalive@openssh.com";
    /** No more "session" channels may be opened (OpenSSH PROTOCOL §2.2). */
    String NO_MORE_SESSIONS = "no-more-sessions@openssh.com";
    /** The server lists all its host keys (OpenSSH PROTOCOL §2.5). */
    String HOSTKEYS = "hostkeys-00@openssh.com";
    /** The client asks the server to prove it holds some host keys (OpenSSH PROTOCOL §2.5). */
    String HOSTKEYS_PROVE = "hostkeys-prove-00@openssh.com";

    /** The request name this body is sent under, or {@code null} for {@link UnknownGlobal}. */
    String requestName();

    /** Writes the request-specific data; called by {@link GlobalRequest#encodeBody}. */
    void encode(SshWriter w);

    /** Whether {@code name} is one of the names this interface has a record for. */
    static boolean isKnown(String name) {
        return switch (name) {
            case TCPIP_FORWARD, CANCEL_TCPIP_FORWARD, STREAMLOCAL_FORWARD, CANCEL_STREAMLOCAL_FORWARD, KEEPALIVE,
                    NO_MORE_SESSIONS, HOSTKEYS, HOSTKEYS_PROVE -> true;
            default -> false;
        };
    }

    /**
     * Reads the data of request {@code name}; the caller checks that nothing follows. Throws
     * {@link io.sanssh.spec.wire.SshFormatException} on malformed input.
     */
    static GlobalRequestBody read(String name, SshReader r) {
        return switch (name) {
            case TCPIP_FORWARD -> new TcpipForward(r.readUtf8(), r.readUint32());
            case CANCEL_TCPIP_FORWARD -> new CancelTcpipForward(r.readUtf8(), r.readUint32());
            case STREAMLOCAL_FORWARD -> new StreamLocalForward(r.readUtf8());
            case CANCEL_STREAMLOCAL_FORWARD -> new CancelStreamLocalForward(r.readUtf8());
            case KEEPALIVE -> new KeepAlive(r.readRemaining());
            case NO_MORE_SESSIONS -> new NoMoreSessions();
            case HOSTKEYS -> new HostKeys(Fields.readStrings(r));
            case HOSTKEYS_PROVE -> new HostKeysProve(Fields.readStrings(r));
            default -> new UnknownGlobal(r.readRemaining());
        };
    }

    /**
     * "tcpip-forward" (RFC 4254 §7.1): listen on {@code address}:{@code port} on the server and
     * open a "forwarded-tcpip" channel back for each connection. Port 0 lets the server choose;
     * it then reports the port in {@link RequestSuccess#boundPort()}.
     *
     * @param address "" (all protocol families), "0.0.0.0", "::", "localhost", or an address
     */
    record TcpipForward(String address, long port) implements GlobalRequestBody {
        public TcpipForward {
            FieldChecks.utf8(address, "address");
            FieldChecks.uint32(port, "port");
        }

        @Override
        public String requestName() {
            return TCPIP_FORWARD;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUtf8(address).writeUint32(port);
        }
    }

    /** "cancel-tcpip-forward" (RFC 4254 §7.1): stop a listener made by {@link TcpipForward}. */
    record CancelTcpipForward(String address, long port) implements GlobalRequestBody {
        public CancelTcpipForward {
            FieldChecks.utf8(address, "address");
            FieldChecks.uint32(port, "port");
        }

        @Override
        public String requestName() {
            return CANCEL_TCPIP_FORWARD;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUtf8(address).writeUint32(port);
        }
    }

    /**
     * "streamlocal-forward@openssh.com" (OpenSSH PROTOCOL §2.4): listen on a Unix socket at
     * {@code path} on the server; connections come back as "forwarded-streamlocal@openssh.com".
     */
    record StreamLocalForward(String path) implements GlobalRequestBody {
        public StreamLocalForward {
            FieldChecks.utf8(path, "path");
        }

        @Override
        public String requestName() {
            return STREAMLOCAL_FORWARD;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUtf8(path);
        }
    }

    /** "cancel-streamlocal-forward@openssh.com" (OpenSSH PROTOCOL §2.4). */
    record CancelStreamLocalForward(String path) implements GlobalRequestBody {
        public CancelStreamLocalForward {
            FieldChecks.utf8(path, "path");
        }

        @Override
        public String requestName() {
            return CANCEL_STREAMLOCAL_FORWARD;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUtf8(path);
        }
    }

    /**
     * "keepalive@openssh.com": a probe sent with want-reply set (OpenSSH's ClientAliveInterval and
     * ServerAliveInterval). Any reply proves liveness. Its data is undefined, so whatever follows
     * is kept.
     */
    record KeepAlive(Bytes rest) implements GlobalRequestBody {
        /** A keep-alive with no data, as OpenSSH sends it. */
        public static final KeepAlive EMPTY = new KeepAlive(Bytes.EMPTY);

        public KeepAlive {
            Objects.requireNonNull(rest, "rest");
        }

        @Override
        public String requestName() {
            return KEEPALIVE;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeRaw(rest);
        }
    }

    /** "no-more-sessions@openssh.com" (OpenSSH PROTOCOL §2.2): no data. */
    record NoMoreSessions() implements GlobalRequestBody {
        @Override
        public String requestName() {
            return NO_MORE_SESSIONS;
        }

        @Override
        public void encode(SshWriter w) {
            // no data
        }
    }

    /**
     * "hostkeys-00@openssh.com" (OpenSSH PROTOCOL §2.5): after authentication, the server lists
     * every host key it has, so the client can learn new ones. Sent without want-reply.
     *
     * @param keys public key blobs, possibly of types the client does not know
     */
    record HostKeys(List<Bytes> keys) implements GlobalRequestBody {
        public HostKeys {
            keys = List.copyOf(keys);
        }

        @Override
        public String requestName() {
            return HOSTKEYS;
        }

        @Override
        public void encode(SshWriter w) {
            Fields.writeStrings(w, keys);
        }
    }

    /**
     * "hostkeys-prove-00@openssh.com" (OpenSSH PROTOCOL §2.5): the client asks the server to sign
     * {@link #signedData} with each of these keys. The signatures come back in the same order in
     * {@link RequestSuccess#signatures()}.
     */
    record HostKeysProve(List<Bytes> keys) implements GlobalRequestBody {
        public HostKeysProve {
            keys = List.copyOf(keys);
        }

        /**
         * The data the server signs for {@code hostKey}, and the client verifies:
         * {@code string "hostkeys-prove-00@openssh.com", string session identifier, string hostkey}.
         */
        public static byte[] signedData(Bytes sessionId, Bytes hostKey) {
            return new SshWriter(64 + sessionId.length() + hostKey.length()).writeAscii(HOSTKEYS_PROVE)
                    .writeString(sessionId).writeString(hostKey).toByteArray();
        }

        @Override
        public String requestName() {
            return HOSTKEYS_PROVE;
        }

        @Override
        public void encode(SshWriter w) {
            Fields.writeStrings(w, keys);
        }
    }

    /** Any other request: its data, kept as it is. */
    record UnknownGlobal(Bytes rest) implements GlobalRequestBody {
        public UnknownGlobal {
            Objects.requireNonNull(rest, "rest");
        }

        @Override
        public String requestName() {
            return null;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeRaw(rest);
        }
    }
}
