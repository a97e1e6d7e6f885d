package io.sanssh.spec.sftp;

import static io.sanssh.spec.sftp.SftpConstants.SSH_FILEXFER_ATTR_ACMODTIME;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FILEXFER_ATTR_EXTENDED;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FILEXFER_ATTR_KNOWN;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FILEXFER_ATTR_SIZE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FILEXFER_ATTR_UIDGID;

import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The ATTRS structure of draft-ietf-secsh-filexfer-02 §5: a file's size, owner, permissions,
 * times and extended attributes, each optional.
 *
 * <p>The wire {@code flags} word is not stored: {@link #flags()} derives it from which fields are
 * present, so a record can never disagree with its own flags. uid and gid travel together (one
 * flag, {@code UIDGID}), and so do atime and mtime ({@code ACMODTIME}): the constructor refuses one
 * without the other. {@code extended} is empty when the {@code EXTENDED} flag is absent and holds
 * a possibly empty list when it is present, so that a peer's "flag set, count 0" re-encodes
 * byte for byte.
 *
 * <p>Decoding rejects flag bits version 3 does not define: their fields' sizes are unknown, so
 * nothing after them could be read. (OpenSSH ignores such bits; a record could not round-trip
 * them.) uint32 fields are held as {@code long} in 0..2^32-1; {@code size} is the raw uint64 bits.
 *
 * @param size the file size in bytes, as raw uint64 bits
 * @param uid the owner's numeric user id
 * @param gid the owner's numeric group id
 * @param permissions the POSIX mode bits, file type included (e.g. {@code 0100644})
 * @param atime the access time, seconds since 1970-01-01 UTC
 * @param mtime the modification time, seconds since 1970-01-01 UTC
 * @param extended the extended type/data pairs, present iff the EXTENDED flag is set
 */
public record SftpAttributes(OptionalLong size, OptionalLong uid, OptionalLong gid, OptionalLong permissions,
                             OptionalLong atime, OptionalLong mtime,
                             Optional<List<SftpExtensionPair>> extended) {

    /** The POSIX file type bits of the permissions ({@code S_IFMT}). */
    private static final long S_IFMT = 0170000;

    /** No attributes at all: flags 0, the ATTRS that OPEN and MKDIR usually carry. */
    public static final SftpAttributes EMPTY = builder().build();

    /** Checks the pairing rules and the uint32 ranges; copies the extended list. */
    public SftpAttributes {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(gid, "gid");
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(atime, "atime");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(extended, "extended");
        if (uid.isPresent() != gid.isPresent()) {
            throw new IllegalArgumentException("uid and gid are sent together (SSH_FILEXFER_ATTR_UIDGID)");
        }
        if (atime.isPresent() != mtime.isPresent()) {
            throw new IllegalArgumentException("atime and mtime are sent together (SSH_FILEXFER_ATTR_ACMODTIME)");
        }
        checkUint32("uid", uid);
        checkUint32("gid", gid);
        checkUint32("permissions", permissions);
        checkUint32("atime", atime);
        checkUint32("mtime", mtime);
        extended = extended.map(List::copyOf);
    }

    private static void checkUint32(String what, OptionalLong v) {
        if (v.isPresent() && (v.getAsLong() < 0 || v.getAsLong() > 0xffffffffL)) {
            throw new IllegalArgumentException(what + " is not a uint32: " + v.getAsLong());
        }
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Attributes carrying only {@code permissions}, as a client sends with OPEN or MKDIR. */
    public static SftpAttributes ofPermissions(long permissions) {
        return builder().permissions(permissions).build();
    }

    /** The wire flags word (draft §5), derived from which fields are present. */
    public int flags() {
        int f = 0;
        if (size.isPresent()) {
            f |= SSH_FILEXFER_ATTR_SIZE;
        }
        if (uid.isPresent()) {
            f |= SSH_FILEXFER_ATTR_UIDGID;
        }
        if (permissions.isPresent()) {
            f |= SSH_FILEXFER_ATTR_PERMISSIONS;
        }
        if (atime.isPresent()) {
            f |= SSH_FILEXFER_ATTR_ACMODTIME;
        }
        if (extended.isPresent()) {
            f |= SSH_FILEXFER_ATTR_EXTENDED;
        }
        return f;
    }

    /** The extended pairs, or an empty list when the EXTENDED flag is absent. */
    public List<SftpExtensionPair> extendedPairs() {
        return extended.orElse(List.of());
    }

    /** Writes the structure in the field order of draft §5. */
    public void encode(SshWriter w) {
        w.writeInt(flags());
        size.ifPresent(w::writeUint64);
        if (uid.isPresent()) {
            w.writeUint32(uid.getAsLong());
            w.writeUint32(gid.getAsLong());
        }
        permissions.ifPresent(w::writeUint32);
        if (atime.isPresent()) {
            w.writeUint32(atime.getAsLong());
            w.writeUint32(mtime.getAsLong());
        }
        if (extended.isPresent()) {
            List<SftpExtensionPair> pairs = extended.get();
            w.writeInt(pairs.size());
            for (SftpExtensionPair p : pairs) {
                p.encode(w);
            }
        }
    }

    /**
     * Reads one ATTRS structure (draft §5). Unknown flag bits, a truncated field, or an extended
     * count larger than the remaining bytes could hold give {@link SshFormatException}; the count
     * is checked before any list is sized from it.
     */
    public static SftpAttributes decode(SshReader r) {
        int flags = r.readInt();
        if ((flags & ~SSH_FILEXFER_ATTR_KNOWN) != 0) {
            throw new SshFormatException("ATTRS flags 0x" + Integer.toHexString(flags)
                    + " have bits that version 3 does not define");
        }
        Builder b = builder();
        if ((flags & SSH_FILEXFER_ATTR_SIZE) != 0) {
            b.size(r.readUint64());
        }
        if ((flags & SSH_FILEXFER_ATTR_UIDGID) != 0) {
            long uid = r.readUint32();
            b.owner(uid, r.readUint32());
        }
        if ((flags & SSH_FILEXFER_ATTR_PERMISSIONS) != 0) {
            b.permissions(r.readUint32());
        }
        if ((flags & SSH_FILEXFER_ATTR_ACMODTIME) != 0) {
            long atime = r.readUint32();
            b.times(atime, r.readUint32());
        }
        if ((flags & SSH_FILEXFER_ATTR_EXTENDED) != 0) {
            long count = r.readUint32();
            // each pair is two strings: at least 8 bytes
            if (count > r.remaining() / 8) {
                throw new SshFormatException("ATTRS extended count " + count + " exceeds the "
                        + r.remaining() + " bytes left");
            }
            List<SftpExtensionPair> pairs = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                pairs.add(SftpExtensionPair.decode(r));
            }
            b.extended(pairs);
        }
        return b.build();
    }

    /** Collects optional attributes; unset fields stay absent. Not thread-safe. */
    public static final class Builder {
        private OptionalLong size = OptionalLong.empty();
        private OptionalLong uid = OptionalLong.empty();
        private OptionalLong gid = OptionalLong.empty();
        private OptionalLong permissions = OptionalLong.empty();
        private OptionalLong atime = OptionalLong.empty();
        private OptionalLong mtime = OptionalLong.empty();
        private Optional<List<SftpExtensionPair>> extended = Optional.empty();

        private Builder() {
        }

        /** Sets the size (raw uint64 bits). */
        public Builder size(long size) {
            this.size = OptionalLong.of(size);
            return this;
        }

        /** Sets uid and gid, which the wire carries together. */
        public Builder owner(long uid, long gid) {
            this.uid = OptionalLong.of(uid);
            this.gid = OptionalLong.of(gid);
            return this;
        }

        /** Sets the POSIX mode bits. */
        public Builder permissions(long permissions) {
            this.permissions = OptionalLong.of(permissions);
            return this;
        }

        /** Sets atime and mtime, which the wire carries together. */
        public Builder times(long atime, long mtime) {
            this.atime = OptionalLong.of(atime);
            this.mtime = OptionalLong.of(mtime);
            return this;
        }

        /** Sets the EXTENDED flag with these pairs (possibly none). */
        public Builder extended(List<SftpExtensionPair> pairs) {
            this.extended = Optional.of(pairs);
            return this;
        }

        /** The attributes; throws {@link IllegalArgumentException} for a value out of range. */
        public SftpAttributes build() {
            return new SftpAttributes(size, uid, gid, permissions, atime, mtime, extended);
        }
    }

    /** Whether the permissions say directory ({@code S_IFDIR}); false when they are absent. */
    public boolean isDirectory() {
        return fileType() == 0040000;
    }

    /** Whether the permissions say symbolic link ({@code S_IFLNK}); false when they are absent. */
    public boolean isSymbolicLink() {
        return fileType() == 0120000;
    }

    /** Whether the permissions say regular file ({@code S_IFREG}); false when they are absent. */
    public boolean isRegularFile() {
        return fileType() == 0100000;
    }

    private long fileType() {
        return permissions.isPresent() ? permissions.getAsLong() & S_IFMT : -1;
    }
}
