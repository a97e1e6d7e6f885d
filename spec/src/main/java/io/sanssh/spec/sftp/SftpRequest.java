package io.sanssh.spec.sftp;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.List;
import java.util.Objects;

/**
 * A packet a client sends to a server: what a server decodes with {@link SftpCodec#decodeRequest}.
 *
 * <p>Apart from {@link Init}, which opens the session, and {@link Unknown}, every request carries
 * a uint32 {@code id} that the server echoes in its reply (draft-ietf-secsh-filexfer-02 §6.1);
 * requests may be pipelined and replies may come back in any order.
 */
public sealed interface SftpRequest extends SftpPacket
        permits SftpRequest.Init, SftpRequest.Unknown, SftpPathRequest, SftpHandleRequest, SftpExtended {

    /**
     * {@code SSH_FXP_INIT} (draft §4): the first packet of a session, sent once by the client
     * before anything else. The server answers with {@link SftpReply.Version}.
     *
     * @param version the highest protocol version the client speaks, raw uint32 bits (3 here)
     * @param extensions extension name/data pairs in wire order; the draft allows them, OpenSSH's
     *                   client sends none
     */
    record Init(int version, List<SftpExtensionPair> extensions) implements SftpRequest {
        /** Copies the extension list. */
        public Init {
            extensions = List.copyOf(extensions);
        }

        /** The INIT a version 3 client sends: no extensions. */
        public static Init v3() {
            return new Init(SftpConstants.VERSION, List.of());
        }

        @Override
        public int type() {
            return SftpConstants.SSH_FXP_INIT;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(version);
            for (SftpExtensionPair e : extensions) {
                e.encode(w);
            }
        }

        static Init decode(SshReader r) {
            int version = r.readInt();
            return new Init(version, SftpExtensionPair.decodeUntilEnd(r));
        }
    }

    /**
     * A packet whose type the draft does not define (e.g. a version 4+ request such as
     * {@code SSH_FXP_LINK}, 21). Decoding it instead of failing lets a server answer
     * {@code SSH_FX_OP_UNSUPPORTED}: {@link #idIfPresent()} gives the id to answer with, which
     * every request type of every draft version starts with.
     *
     * @param type the type byte, 0..255, not one of the types of §3
     * @param body the bytes after the type byte, uninterpreted
     */
    record Unknown(int type, Bytes body) implements SftpRequest {
        /** Refuses a type that has its own record: it would not decode back to this one. */
        public Unknown {
            Objects.requireNonNull(body, "body");
            if (type < 0 || type > 255 || isDefinedType(type)) {
                throw new IllegalArgumentException("not an undefined packet type: " + type);
            }
        }

        /** The uint32 id at the front of the body, or -1 when the body is shorter than 4 bytes. */
        public long idIfPresent() {
            return body.length() < 4 ? -1 : new SshReader(body.toByteArray(), 0, 4).readUint32();
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeRaw(body);
        }
    }

    /** Whether {@code type} is one of the packet types of draft §3 (either direction). */
    static boolean isDefinedType(int type) {
        return (type >= SftpConstants.SSH_FXP_INIT && type <= SftpConstants.SSH_FXP_SYMLINK)
                || (type >= SftpConstants.SSH_FXP_STATUS && type <= SftpConstants.SSH_FXP_ATTRS)
                || type == SftpConstants.SSH_FXP_EXTENDED || type == SftpConstants.SSH_FXP_EXTENDED_REPLY;
    }
}
