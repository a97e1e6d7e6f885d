package io.sanssh.spec.connection;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * The channel-type-specific data of {@code SSH_MSG_CHANNEL_OPEN} (RFC 4254 §5.1): what follows the
 * maximum packet size. One record per channel type this library knows; {@link UnknownOpen} keeps
 * the bytes of any other, which the recipient refuses with
 * {@link OpenFailureReason#UNKNOWN_CHANNEL_TYPE}.
 */
public sealed interface ChannelOpenBody {
    /** An interactive session: shell, exec or subsystem (RFC 4254 §6.1). */
    String SESSION = "session";
    /** An X11 connection forwarded from the server (RFC 4254 §6.3.2). */
    String X11 = "x11";
    /** A TCP connection made from the client's side (RFC 4254 §7.2). */
    String DIRECT_TCPIP = "direct-tcpip";
    /** A TCP connection accepted on a remote-forwarded port (RFC 4254 §7.2). */
    String FORWARDED_TCPIP = "forwarded-tcpip";
    /** A Unix socket connection made from the client's side (OpenSSH PROTOCOL §2.4). */
    String DIRECT_STREAMLOCAL = "direct-streamlocal@openssh.com";
    /** A Unix socket connection accepted on a remote-forwarded socket (OpenSSH PROTOCOL §2.4). */
    String FORWARDED_STREAMLOCAL = "forwarded-streamlocal@openssh.com";

    /** The channel type this body is sent under, or {@code null} for {@link UnknownOpen}. */
    String channelType();

    /** Writes the type-specific data; called by {@link ChannelOpen#encodeBody}. */
    void encode(SshWriter w);

    /** Whether {@code type} is one of the channel types this interface has a record for. */
    static boolean isKnown(String type) {
        return switch (type) {
            case SESSION, X11, DIRECT_TCPIP, FORWARDED_TCPIP, DIRECT_STREAMLOCAL, FORWARDED_STREAMLOCAL -> true;
            default -> false;
        };
    }

    /**
     * Reads the data of channel type {@code type}; the caller checks that nothing follows. Throws
     * {@link io.sanssh.spec.wire.SshFormatException} on malformed input.
     */
    static ChannelOpenBody read(String type, SshReader r) {
        return switch (type) {
            case SESSION -> new Session();
            case X11 -> new X11(r.readUtf8(), r.readUint32());
            case DIRECT_TCPIP -> new DirectTcpip(r.readUtf8(), r.readUint32(), r.readUtf8(), r.readUint32());
            case FORWARDED_TCPIP -> new ForwardedTcpip(r.readUtf8(), r.readUint32(), r.readUtf8(), r.readUint32());
            case DIRECT_STREAMLOCAL -> new DirectStreamLocal(r.readUtf8(), r.readUtf8(), r.readUint32());
            case FORWARDED_STREAMLOCAL -> new ForwardedStreamLocal(r.readUtf8(), r.readUtf8());
            default -> new UnknownOpen(r.readRemaining());
        };
    }

    /** "session" (RFC 4254 §6.1): no data; the program is chosen later by a channel request. */
    record Session() implements ChannelOpenBody {
        @Override
        public String channelType() {
            return SESSION;
        }

        @Override
        public void encode(SshWriter w) {
            // no data
        }
    }

    /**
     * "x11" (RFC 4254 §6.3.2): the server forwards a connection to the client's X server.
     *
     * @param originatorAddress the address of the X client, for example "192.168.7.38"
     */
    record X11(String originatorAddress, long originatorPort) implements ChannelOpenBody {
        public X11 {
            FieldChecks.utf8(originatorAddress, "originatorAddress");
            FieldChecks.uint32(originatorPort, "originatorPort");
        }

        @Override
        public String channelType() {
            return ChannelOpenBody.X11;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUtf8(originatorAddress).writeUint32(originatorPort);
        }
    }

    /**
     * "direct-tcpip" (RFC 4254 §7.2): local port forwarding; the server connects to
     * {@code host}:{@code port}.
     *
     * @param host a domain name or numeric address to connect to
     * @param originatorAddress the address the forwarded connection came from
     */
    record DirectTcpip(String host, long port, String originatorAddress, long originatorPort)
            implements ChannelOpenBody {
        public DirectTcpip {
            FieldChecks.utf8(host, "host");
            FieldChecks.uint32(port, "port");
            FieldChecks.utf8(originatorAddress, "originatorAddress");
            FieldChecks.uint32(originatorPort, "originatorPort");
        }

        @Override
        public String channelType() {
            return DIRECT_TCPIP;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUtf8(host).writeUint32(port).writeUtf8(originatorAddress).writeUint32(originatorPort);
        }
    }

    /**
     * "forwarded-tcpip" (RFC 4254 §7.2): a connection arrived on a port forwarded by
     * "tcpip-forward".
     *
     * @param connectedAddress the address that was connected, as given in the "tcpip-forward" request
     * @param connectedPort the port that was connected (the bound port when the request asked for 0)
     */
    record ForwardedTcpip(String connectedAddress, long connectedPort, String originatorAddress, long originatorPort)
            implements ChannelOpenBody {
        public ForwardedTcpip {
            FieldChecks.utf8(connectedAddress, "connectedAddress");
            FieldChecks.uint32(connectedPort, "connectedPort");
            FieldChecks.utf8(originatorAddress, "originatorAddress");
            FieldChecks.uint32(originatorPort, "originatorPort");
        }

        @Override
        public String channelType() {
            return FORWARDED_TCPIP;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUtf8(connectedAddress).writeUint32(connectedPort).writeUtf8(originatorAddress)
                    .writeUint32(originatorPort);
        }
    }

    /**
     * "direct-streamlocal@openssh.com" (OpenSSH PROTOCOL §2.4): the server connects to the Unix
     * socket at {@code path}.
     *
     * @param reserved a reserved string, empty in OpenSSH
     * @param reservedInt a reserved uint32, 0 in OpenSSH
     */
    record DirectStreamLocal(String path, String reserved, long reservedInt) implements ChannelOpenBody {
        public DirectStreamLocal {
            FieldChecks.utf8(path, "path");
            FieldChecks.utf8(reserved, "reserved");
            FieldChecks.uint32(reservedInt, "reservedInt");
        }

        /** A request for {@code path} with the reserved fields as OpenSSH fills them. */
        public static DirectStreamLocal of(String path) {
            return new DirectStreamLocal(path, "", 0);
        }

        @Override
        public String channelType() {
            return DIRECT_STREAMLOCAL;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUtf8(path).writeUtf8(reserved).writeUint32(reservedInt);
        }
    }

    /**
     * "forwarded-streamlocal@openssh.com" (OpenSSH PROTOCOL §2.4): a connection arrived on a
     * socket forwarded by "streamlocal-forward@openssh.com".
     *
     * @param reserved reserved for future use (socket ownership and mode); empty in OpenSSH
     */
    record ForwardedStreamLocal(String path, String reserved) implements ChannelOpenBody {
        public ForwardedStreamLocal {
            FieldChecks.utf8(path, "path");
            FieldChecks.utf8(reserved, "reserved");
        }

        @Override
        public String channelType() {
            return FORWARDED_STREAMLOCAL;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUtf8(path).writeUtf8(reserved);
        }
    }

    /** Any other channel type (for example "tun@openssh.com"): its data, kept as it is. */
    record UnknownOpen(Bytes rest) implements ChannelOpenBody {
        public UnknownOpen {
            Objects.requireNonNull(rest, "rest");
        }

        @Override
        public String channelType() {
            return null;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeRaw(rest);
        }
    }
}
