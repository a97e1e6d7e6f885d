package io.sanssh.spec.sftp;

import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_ATTRS;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_DATA;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_EXTENDED_REPLY;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_HANDLE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_NAME;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_STATUS;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_VERSION;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A packet a server sends to a client: what a client decodes with {@link SftpCodec#decodeReply}.
 * {@link Version} answers INIT; every other reply echoes the id of the request it answers
 * (draft-ietf-secsh-filexfer-02 §7).
 */
public sealed interface SftpReply extends SftpPacket {

    /**
     * {@code SSH_FXP_VERSION} (draft §4, OpenSSH PROTOCOL §4.2): the server's answer to INIT,
     * naming the version both will use and the extensions the server supports.
     *
     * @param version the negotiated version, raw uint32 bits (3 from OpenSSH)
     * @param extensions name/data pairs in wire order (OpenSSH: name and ASCII version number);
     *                   the same name may appear twice with different versions
     */
    record Version(int version, List<SftpExtensionPair> extensions) implements SftpReply {
        /** Copies the extension list. */
        public Version {
            extensions = List.copyOf(extensions);
        }

        /** Whether the server announced {@code name} with data {@code dataVersion}, e.g. ("statvfs@openssh.com", "2"). */
        public boolean supports(String name, String dataVersion) {
            return extensions.contains(SftpExtensionPair.of(name, dataVersion));
        }

        @Override
        public int type() {
            return SSH_FXP_VERSION;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(version);
            for (SftpExtensionPair e : extensions) {
                e.encode(w);
            }
        }
    }

    /**
     * {@code SSH_FXP_STATUS} (draft §7): the result of a request with no other reply, or an error.
     *
     * <p>Version 3 adds an error message (UTF-8) and a language tag after the code; servers of
     * earlier versions send only the code, and some send a message without a tag. Absent fields
     * are {@code null}, and re-encoding writes exactly the fields that are present.
     *
     * @param code an {@code SSH_FX_*} code, raw uint32 bits
     * @param message the error message, or null when the server sent none
     * @param language the RFC 1766 language tag (OpenSSH sends ""), or null when absent
     */
    record Status(int id, int code, String message, String language) implements SftpReply {
        /** A language tag needs a message before it. */
        public Status {
            if (language != null && message == null) {
                throw new IllegalArgumentException("a language tag without a message cannot be encoded");
            }
        }

        /** A version 3 status with {@code message} and an empty language tag, as OpenSSH sends. */
        public static Status of(int id, int code, String message) {
            return new Status(id, code, message, "");
        }

        /** Whether the code is {@code SSH_FX_OK}. */
        public boolean isOk() {
            return code == SftpConstants.SSH_FX_OK;
        }

        @Override
        public int type() {
            return SSH_FXP_STATUS;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeInt(code);
            if (message != null) {
                w.writeUtf8(message);
            }
            if (language != null) {
                w.writeUtf8(language);
            }
        }

        static Status decode(int id, SshReader r) {
            int code = r.readInt();
            String message = r.hasRemaining() ? r.readUtf8() : null;
            String language = r.hasRemaining() ? r.readUtf8() : null;
            return new Status(id, code, message, language);
        }
    }

    /** {@code SSH_FXP_HANDLE} (draft §7): the handle of a file or directory just opened. */
    record Handle(int id, Bytes handle) implements SftpReply {
        /** Checks for nulls. */
        public Handle {
            Objects.requireNonNull(handle, "handle");
        }

        @Override
        public int type() {
            return SSH_FXP_HANDLE;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(handle);
        }
    }

    /** {@code SSH_FXP_DATA} (draft §7): bytes read by READ, possibly fewer than asked for. */
    record Data(int id, Bytes data) implements SftpReply {
        /** Checks for nulls. */
        public Data {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public int type() {
            return SSH_FXP_DATA;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(data);
        }
    }

    /**
     * One entry of a NAME reply (draft §7).
     *
     * @param filename the name (READDIR: relative to the directory; REALPATH: the absolute path)
     * @param longname an {@code ls -l} style line for display; its format is not specified and it
     *                 must not be parsed (OpenSSH: the path again for REALPATH)
     * @param attrs the attributes (OpenSSH sends flags 0 for REALPATH)
     */
    record NameEntry(Bytes filename, Bytes longname, SftpAttributes attrs) {
        /** Checks for nulls. */
        public NameEntry {
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(longname, "longname");
            Objects.requireNonNull(attrs, "attrs");
        }
    }

    /** {@code SSH_FXP_NAME} (draft §7): entries from READDIR, or the one answer of REALPATH and READLINK. */
    record Name(int id, List<NameEntry> entries) implements SftpReply {
        /** Copies the entry list. */
        public Name {
            entries = List.copyOf(entries);
        }

        @Override
        public int type() {
            return SSH_FXP_NAME;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeInt(entries.size());
            for (NameEntry e : entries) {
                w.writeString(e.filename()).writeString(e.longname());
                e.attrs().encode(w);
            }
        }

        static Name decode(int id, SshReader r) {
            long count = r.readUint32();
            // an entry is at least two empty strings and a flags word
            if (count > r.remaining() / 12) {
                throw new SshFormatException("NAME count " + count + " exceeds the " + r.remaining() + " bytes left");
            }
            List<NameEntry> entries = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                Bytes filename = r.readString();
                Bytes longname = r.readString();
                entries.add(new NameEntry(filename, longname, SftpAttributes.decode(r)));
            }
            return new Name(id, entries);
        }
    }

    /** {@code SSH_FXP_ATTRS} (draft §7): the answer to STAT, LSTAT and FSTAT. */
    record Attrs(int id, SftpAttributes attrs) implements SftpReply {
        /** Checks for nulls. */
        public Attrs {
            Objects.requireNonNull(attrs, "attrs");
        }

        @Override
        public int type() {
            return SSH_FXP_ATTRS;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id);
            attrs.encode(w);
        }
    }

    /**
     * {@code SSH_FXP_EXTENDED_REPLY} (draft §8): the answer to an extended request, its format
     * known only to the requester, which decodes {@code data} with {@link SftpExtendedReplyData}.
     *
     * @param data everything after the id, uninterpreted
     */
    record ExtendedReply(int id, Bytes data) implements SftpReply {
        /** Checks for nulls. */
        public ExtendedReply {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public int type() {
            return SSH_FXP_EXTENDED_REPLY;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeRaw(data);
        }
    }
}
