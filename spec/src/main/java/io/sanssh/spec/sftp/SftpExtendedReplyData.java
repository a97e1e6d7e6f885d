package io.sanssh.spec.sftp;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed data of {@code SSH_FXP_EXTENDED_REPLY} for OpenSSH's extensions that answer with one
 * (PROTOCOL §4.4, §4.8, §4.12).
 *
 * <p>The reply does not say which request it answers; only the requester knows, from the id. So
 * the client keeps the request kind per outstanding id and calls the matching {@code decode} on
 * {@link SftpReply.ExtendedReply#data()}. Each decoder requires the data to be exactly its format
 * and throws {@link SshFormatException} otherwise. A server builds the reply with
 * {@link #toReply(int)}.
 */
public sealed interface SftpExtendedReplyData {

    /** Writes the data that follows the id. */
    void encode(SshWriter w);

    /** The encoded data. */
    default Bytes toBytes() {
        SshWriter w = new SshWriter();
        encode(w);
        return w.toBytes();
    }

    /** The EXTENDED_REPLY packet that answers request {@code id} with this data. */
    default SftpReply.ExtendedReply toReply(int id) {
        return new SftpReply.ExtendedReply(id, toBytes());
    }

    /**
     * The reply to {@code statvfs@openssh.com} and {@code fstatvfs@openssh.com} (PROTOCOL §4.4):
     * the fields of POSIX {@code struct statvfs}, each a uint64 (raw bits here).
     *
     * @param flag {@code SSH_FXE_STATVFS_ST_RDONLY} and {@code SSH_FXE_STATVFS_ST_NOSUID} bits
     */
    record StatvfsReply(long bsize, long frsize, long blocks, long bfree, long bavail, long files, long ffree,
                        long favail, long fsid, long flag, long namemax) implements SftpExtendedReplyData {

        /** Whether the file system is mounted read-only. */
        public boolean readOnly() {
            return (flag & SftpConstants.SSH_FXE_STATVFS_ST_RDONLY) != 0;
        }

        /** Whether set-user-id bits are ignored on the file system. */
        public boolean noSuid() {
            return (flag & SftpConstants.SSH_FXE_STATVFS_ST_NOSUID) != 0;
        }

        @Override
        public void encode(SshWriter w) {
            for (long v : new long[] {bsize, frsize, blocks, bfree, bavail, files, ffree, favail, fsid, flag, namemax}) {
                w.writeUint64(v);
            }
        }

        /** Decodes the data of an EXTENDED_REPLY to a statvfs or fstatvfs request: exactly 88 bytes. */
        public static StatvfsReply decode(Bytes data) {
            SshReader r = SshReader.of(data);
            StatvfsReply s = new StatvfsReply(r.readUint64(), r.readUint64(), r.readUint64(), r.readUint64(),
                    r.readUint64(), r.readUint64(), r.readUint64(), r.readUint64(), r.readUint64(), r.readUint64(),
                    r.readUint64());
            r.expectEnd("statvfs reply");
            return s;
        }
    }

    /**
     * The reply to {@code limits@openssh.com} (PROTOCOL §4.8), each field a uint64 (raw bits);
     * 0 means the server sets no limit of its own. OpenSSH 9.2p1: packet 262144, read and
     * write 261120.
     *
     * @param maxPacketLength the largest whole SFTP packet the server accepts (at least 34000)
     * @param maxReadLength the largest READ length it serves in full (at least 32768)
     * @param maxWriteLength the largest WRITE data it accepts (at least 32768)
     * @param maxOpenHandles how many handles may be open at once
     */
    record LimitsReply(long maxPacketLength, long maxReadLength, long maxWriteLength, long maxOpenHandles)
            implements SftpExtendedReplyData {

        @Override
        public void encode(SshWriter w) {
            w.writeUint64(maxPacketLength).writeUint64(maxReadLength).writeUint64(maxWriteLength)
                    .writeUint64(maxOpenHandles);
        }

        /** Decodes the data of an EXTENDED_REPLY to a limits request: exactly 32 bytes. */
        public static LimitsReply decode(Bytes data) {
            SshReader r = SshReader.of(data);
            LimitsReply l = new LimitsReply(r.readUint64(), r.readUint64(), r.readUint64(), r.readUint64());
            r.expectEnd("limits reply");
            return l;
        }
    }

    /**
     * The reply to {@code users-groups-by-id@openssh.com} (PROTOCOL §4.12): one name per requested
     * id, in request order, each list carried as one string of strings. An id the server cannot
     * name gets the empty string.
     */
    record UsersGroupsByIdReply(List<String> usernames, List<String> groupnames) implements SftpExtendedReplyData {
        /** Copies the lists. */
        public UsersGroupsByIdReply {
            usernames = List.copyOf(usernames);
            groupnames = List.copyOf(groupnames);
        }

        @Override
        public void encode(SshWriter w) {
            w.writeString(nameList(usernames)).writeString(nameList(groupnames));
        }

        private static byte[] nameList(List<String> names) {
            SshWriter inner = new SshWriter();
            for (String n : names) {
                inner.writeUtf8(n);
            }
            return inner.toByteArray();
        }

        /** Decodes the data of an EXTENDED_REPLY to a users-groups-by-id request. */
        public static UsersGroupsByIdReply decode(Bytes data) {
            SshReader r = SshReader.of(data);
            List<String> users = readNames(r.readStringBytes());
            List<String> groups = readNames(r.readStringBytes());
            r.expectEnd("users-groups-by-id reply");
            return new UsersGroupsByIdReply(users, groups);
        }

        private static List<String> readNames(byte[] b) {
            SshReader r = new SshReader(b);
            List<String> names = new ArrayList<>();
            while (r.hasRemaining()) {
                names.add(r.readUtf8());
            }
            return List.copyOf(names);
        }
    }
}
