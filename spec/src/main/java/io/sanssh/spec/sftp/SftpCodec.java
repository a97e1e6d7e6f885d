package io.sanssh.spec.sftp;

import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_ATTRS;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_CLOSE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_DATA;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_EXTENDED;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_EXTENDED_REPLY;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_FSETSTAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_FSTAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_HANDLE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_INIT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_LSTAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_MKDIR;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_NAME;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_OPEN;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_OPENDIR;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_READ;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_READDIR;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_READLINK;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_REALPATH;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_REMOVE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_RENAME;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_RMDIR;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_SETSTAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_STAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_STATUS;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_SYMLINK;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_VERSION;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_WRITE;

import io.sanssh.spec.sftp.SftpHandleRequest.Close;
import io.sanssh.spec.sftp.SftpHandleRequest.Fsetstat;
import io.sanssh.spec.sftp.SftpHandleRequest.Fstat;
import io.sanssh.spec.sftp.SftpHandleRequest.Read;
import io.sanssh.spec.sftp.SftpHandleRequest.Readdir;
import io.sanssh.spec.sftp.SftpHandleRequest.Write;
import io.sanssh.spec.sftp.SftpPathRequest.Lstat;
import io.sanssh.spec.sftp.SftpPathRequest.Mkdir;
import io.sanssh.spec.sftp.SftpPathRequest.Open;
import io.sanssh.spec.sftp.SftpPathRequest.Opendir;
import io.sanssh.spec.sftp.SftpPathRequest.Readlink;
import io.sanssh.spec.sftp.SftpPathRequest.Realpath;
import io.sanssh.spec.sftp.SftpPathRequest.Remove;
import io.sanssh.spec.sftp.SftpPathRequest.Rename;
import io.sanssh.spec.sftp.SftpPathRequest.Rmdir;
import io.sanssh.spec.sftp.SftpPathRequest.Setstat;
import io.sanssh.spec.sftp.SftpPathRequest.Stat;
import io.sanssh.spec.sftp.SftpPathRequest.Symlink;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * Encodes SFTP packets with their length prefix and decodes packet bodies
 * (draft-ietf-secsh-filexfer-02 §3: {@code uint32 length, byte type, byte[length-1] data}).
 *
 * <p>Framing a byte stream into bodies is {@link SftpFrameReader}'s job; this class works on one
 * whole body. Decoding is strict so that every accepted body re-encodes to the same bytes: a body
 * must end exactly where its packet's fields end (INIT and VERSION end with extension pairs, and
 * EXTENDED requests of unknown name and EXTENDED_REPLY end with raw data, so for those the data
 * simply runs to the end). Every malformation throws {@link SshFormatException} and nothing else.
 *
 * <p>Decode with the method for your side: a server calls {@link #decodeRequest}, a client
 * {@link #decodeReply}; a packet of the other direction is a format error.
 */
public final class SftpCodec {
    private SftpCodec() {
    }

    /**
     * The whole packet as it goes on the channel: uint32 length, type byte, fields. Call when
     * sending; the result is a fresh array.
     */
    public static byte[] encode(SftpPacket packet) {
        SshWriter w = new SshWriter(64);
        w.writeInt(0);
        w.writeByte(packet.type());
        packet.encodeBody(w);
        byte[] b = w.toByteArray();
        int len = b.length - 4;
        b[0] = (byte) (len >>> 24);
        b[1] = (byte) (len >>> 16);
        b[2] = (byte) (len >>> 8);
        b[3] = (byte) len;
        return b;
    }

    /** The packet without its length prefix: type byte and fields, the inverse of {@link #decodeBody(byte[])}. */
    public static byte[] encodeBody(SftpPacket packet) {
        SshWriter w = new SshWriter(64);
        w.writeByte(packet.type());
        packet.encodeBody(w);
        return w.toByteArray();
    }

    /**
     * Decodes a whole packet including its length prefix, which must match the rest exactly.
     * For transcripts and tests; a stream reader uses {@link SftpFrameReader}.
     */
    public static SftpPacket decode(byte[] packet) {
        SshReader r = new SshReader(packet);
        long len = r.readUint32();
        if (len != r.remaining()) {
            throw new SshFormatException("packet length " + len + " but " + r.remaining() + " bytes follow");
        }
        return decodeBody(packet, 4, packet.length - 4);
    }

    /** Decodes a packet body of either direction: the bytes after the length prefix. */
    public static SftpPacket decodeBody(byte[] body) {
        return decodeBody(body, 0, body.length);
    }

    /** Decodes the packet body of {@code len} bytes at {@code off} in {@code buf}, of either direction. */
    public static SftpPacket decodeBody(byte[] buf, int off, int len) {
        SshReader r = new SshReader(buf, off, len);
        int type = r.readByte();
        SftpPacket p = isReplyType(type) ? readReply(type, r) : readRequest(type, r);
        if (p instanceof SftpRequest.Unknown) {
            throw new SshFormatException("undefined packet type " + type);
        }
        r.expectEnd(SftpConstants.packetTypeName(type));
        return p;
    }

    /**
     * Decodes a body a client sent: call on the server side for every packet after framing.
     * A type the draft does not define decodes to {@link SftpRequest.Unknown}, so that the server
     * can answer {@code SSH_FX_OP_UNSUPPORTED}; a server-to-client type is a format error.
     */
    public static SftpRequest decodeRequest(byte[] body) {
        return decodeRequest(body, false);
    }

    /**
     * As {@link #decodeRequest(byte[])}; with {@code owned} the caller hands {@code body} over
     * (it never changes the array again), and a WRITE's data is a range of it, not a copy.
     */
    static SftpRequest decodeRequest(byte[] body, boolean owned) {
        SshReader r = new SshReader(body);
        int type = r.readByte();
        if (isReplyType(type)) {
            throw new SshFormatException(SftpConstants.packetTypeName(type) + " sent by a client");
        }
        SftpRequest p = owned && type == SSH_FXP_WRITE ? readOwnedWrite(body, r) : readRequest(type, r);
        r.expectEnd(SftpConstants.packetTypeName(type));
        return p;
    }

    /**
     * Decodes a body a server sent: call on the client side for every packet after framing.
     * A client-to-server type or an undefined type is a format error: there is no request it
     * could answer.
     */
    public static SftpReply decodeReply(byte[] body) {
        return decodeReply(body, false);
    }

    /**
     * As {@link #decodeReply(byte[])}; with {@code owned} the caller hands {@code body} over (it
     * never changes the array again), and a DATA's data is a range of it, not a copy.
     */
    static SftpReply decodeReply(byte[] body, boolean owned) {
        SshReader r = new SshReader(body);
        int type = r.readByte();
        if (!isReplyType(type)) {
            throw new SshFormatException(SftpConstants.packetTypeName(type) + " is not a server-to-client packet");
        }
        SftpReply p = owned && type == SSH_FXP_DATA ? new SftpReply.Data(r.readInt(), ownedString(body, r))
                : readReply(type, r);
        r.expectEnd(SftpConstants.packetTypeName(type));
        return p;
    }

    /** A WRITE whose data stays in {@code body}, which the caller owns. */
    private static Write readOwnedWrite(byte[] body, SshReader r) {
        int id = r.readInt();
        Bytes handle = r.readString();
        long offset = r.readUint64();
        return new Write(id, handle, offset, ownedString(body, r));
    }

    /** The next {@code string} of {@code r} as a range of {@code body}, which the caller owns: no copy. */
    private static Bytes ownedString(byte[] body, SshReader r) {
        int at = r.skipString();
        return Bytes.wrap(body, at, r.position() - at);
    }

    /** Whether {@code type} is one a server sends (VERSION and the responses of draft §7, §8). */
    public static boolean isReplyType(int type) {
        return type == SSH_FXP_VERSION || (type >= SSH_FXP_STATUS && type <= SSH_FXP_ATTRS)
                || type == SSH_FXP_EXTENDED_REPLY;
    }

    /** The request table: the fields of each client-to-server type, after the type byte. */
    private static SftpRequest readRequest(int type, SshReader r) {
        if (type == SSH_FXP_INIT) {
            return SftpRequest.Init.decode(r);
        }
        if (!SftpRequest.isDefinedType(type)) {
            return new SftpRequest.Unknown(type, r.readRemaining());
        }
        int id = r.readInt();
        return switch (type) {
            case SSH_FXP_OPEN -> Open.decode(id, r);
            case SSH_FXP_CLOSE -> new Close(id, r.readString());
            case SSH_FXP_READ -> new Read(id, r.readString(), r.readUint64(), r.readUint32());
            case SSH_FXP_WRITE -> new Write(id, r.readString(), r.readUint64(), r.readString());
            case SSH_FXP_LSTAT -> new Lstat(id, r.readString());
            case SSH_FXP_FSTAT -> new Fstat(id, r.readString());
            case SSH_FXP_SETSTAT -> new Setstat(id, r.readString(), SftpAttributes.decode(r));
            case SSH_FXP_FSETSTAT -> new Fsetstat(id, r.readString(), SftpAttributes.decode(r));
            case SSH_FXP_OPENDIR -> new Opendir(id, r.readString());
            case SSH_FXP_READDIR -> new Readdir(id, r.readString());
            case SSH_FXP_REMOVE -> new Remove(id, r.readString());
            case SSH_FXP_MKDIR -> new Mkdir(id, r.readString(), SftpAttributes.decode(r));
            case SSH_FXP_RMDIR -> new Rmdir(id, r.readString());
            case SSH_FXP_REALPATH -> new Realpath(id, r.readString());
            case SSH_FXP_STAT -> new Stat(id, r.readString());
            case SSH_FXP_RENAME -> new Rename(id, r.readString(), r.readString());
            case SSH_FXP_READLINK -> new Readlink(id, r.readString());
            case SSH_FXP_SYMLINK -> new Symlink(id, r.readString(), r.readString());
            case SSH_FXP_EXTENDED -> SftpExtended.decode(id, r);
            default -> throw new IllegalStateException("not a request type: " + type);
        };
    }

    /** The reply table: the fields of each server-to-client type, after the type byte. */
    private static SftpReply readReply(int type, SshReader r) {
        if (type == SSH_FXP_VERSION) {
            int version = r.readInt();
            return new SftpReply.Version(version, SftpExtensionPair.decodeUntilEnd(r));
        }
        int id = r.readInt();
        return switch (type) {
            case SSH_FXP_STATUS -> SftpReply.Status.decode(id, r);
            case SSH_FXP_HANDLE -> new SftpReply.Handle(id, r.readString());
            case SSH_FXP_DATA -> new SftpReply.Data(id, r.readString());
            case SSH_FXP_NAME -> SftpReply.Name.decode(id, r);
            case SSH_FXP_ATTRS -> new SftpReply.Attrs(id, SftpAttributes.decode(r));
            case SSH_FXP_EXTENDED_REPLY -> new SftpReply.ExtendedReply(id, r.readRemaining());
            default -> throw new IllegalStateException("not a reply type: " + type);
        };
    }
}
