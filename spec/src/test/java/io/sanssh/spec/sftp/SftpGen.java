package io.sanssh.spec.sftp;

import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpExtendedReplyData.StatvfsReply;
import io.sanssh.spec.sftp.SftpExtendedReplyData.UsersGroupsByIdReply;
import io.sanssh.spec.testing.Gen;
import io.sanssh.spec.wire.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Seeded random SFTP values: one generator per packet type and per extended body. */
final class SftpGen {
    private final Gen g;

    SftpGen(Gen g) {
        this.g = g;
    }

    /** A path: often ASCII, sometimes UTF-8 text, sometimes arbitrary bytes (paths are bytes). */
    Bytes path() {
        return switch (g.nextInt(3)) {
            case 0 -> Bytes.utf8("/" + g.name());
            case 1 -> Bytes.utf8(g.text());
            default -> g.bytes(40);
        };
    }

    Bytes handle() {
        return g.bytes(g.bool() ? 4 : 256);
    }

    SftpAttributes attrs() {
        SftpAttributes.Builder b = SftpAttributes.builder();
        if (g.bool()) {
            b.size(g.anyLong());
        }
        if (g.bool()) {
            b.owner(g.uint32(), g.uint32());
        }
        if (g.bool()) {
            b.permissions(g.uint32());
        }
        if (g.bool()) {
            b.times(g.uint32(), g.uint32());
        }
        if (g.nextInt(4) == 0) {
            b.extended(pairs());
        }
        return b.build();
    }

    List<SftpExtensionPair> pairs() {
        int n = g.nextInt(4);
        List<SftpExtensionPair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SftpExtensionPair(g.bool() ? g.name() : g.text(), g.bytes(12)));
        }
        return out;
    }

    List<Long> ids() {
        int n = g.nextInt(5);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(g.uint32());
        }
        return out;
    }

    List<String> names() {
        int n = g.nextInt(5);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(g.bool() ? g.name() : g.text());
        }
        return out;
    }

    /** One generator for every client-to-server packet kind, by name. */
    List<Supplier<SftpRequest>> requestKinds() {
        return List.of(
                () -> new SftpRequest.Init(g.anyInt(), pairs()),
                () -> new SftpPathRequest.Open(g.anyInt(), path(), g.anyInt(), attrs()),
                () -> new SftpHandleRequest.Close(g.anyInt(), handle()),
                () -> new SftpHandleRequest.Read(g.anyInt(), handle(), g.anyLong(), g.uint32()),
                () -> new SftpHandleRequest.Write(g.anyInt(), handle(), g.anyLong(), g.bytes(300)),
                () -> new SftpPathRequest.Lstat(g.anyInt(), path()),
                () -> new SftpHandleRequest.Fstat(g.anyInt(), handle()),
                () -> new SftpPathRequest.Setstat(g.anyInt(), path(), attrs()),
                () -> new SftpHandleRequest.Fsetstat(g.anyInt(), handle(), attrs()),
                () -> new SftpPathRequest.Opendir(g.anyInt(), path()),
                () -> new SftpHandleRequest.Readdir(g.anyInt(), handle()),
                () -> new SftpPathRequest.Remove(g.anyInt(), path()),
                () -> new SftpPathRequest.Mkdir(g.anyInt(), path(), attrs()),
                () -> new SftpPathRequest.Rmdir(g.anyInt(), path()),
                () -> new SftpPathRequest.Realpath(g.anyInt(), path()),
                () -> new SftpPathRequest.Stat(g.anyInt(), path()),
                () -> new SftpPathRequest.Rename(g.anyInt(), path(), path()),
                () -> new SftpPathRequest.Readlink(g.anyInt(), path()),
                () -> new SftpPathRequest.Symlink(g.anyInt(), path(), path()),
                () -> new SftpRequest.Unknown(g.oneOf(0, 21, 22, 23, 99, 106, 199, 202, 255), g.bytes(20)));
    }

    /** One generator for every extended request body. */
    List<Supplier<SftpExtendedRequest>> extendedKinds() {
        return List.of(
                () -> new SftpExtendedRequest.PosixRename(path(), path()),
                () -> new SftpExtendedRequest.Statvfs(path()),
                () -> new SftpExtendedRequest.Fstatvfs(handle()),
                () -> new SftpExtendedRequest.Hardlink(path(), path()),
                () -> new SftpExtendedRequest.Fsync(handle()),
                () -> new SftpExtendedRequest.Lsetstat(path(), attrs()),
                () -> new SftpExtendedRequest.Limits(),
                () -> new SftpExtendedRequest.ExpandPath(path()),
                () -> new SftpExtendedRequest.CopyData(handle(), g.anyLong(), g.anyLong(), handle(), g.anyLong()),
                () -> new SftpExtendedRequest.HomeDirectory(g.bool() ? g.name() : g.text()),
                () -> new SftpExtendedRequest.UsersGroupsById(ids(), ids()),
                () -> new SftpExtendedRequest.Unknown(g.bool() ? "x-" + g.name() : g.text() + "@example.com",
                        g.bytes(30)));
    }

    /** One generator for every server-to-client packet kind. */
    List<Supplier<SftpReply>> replyKinds() {
        return List.of(
                () -> new SftpReply.Version(g.anyInt(), pairs()),
                () -> status(),
                () -> new SftpReply.Handle(g.anyInt(), handle()),
                () -> new SftpReply.Data(g.anyInt(), g.bytes(300)),
                () -> new SftpReply.Name(g.anyInt(), nameEntries()),
                () -> new SftpReply.Attrs(g.anyInt(), attrs()),
                () -> new SftpReply.ExtendedReply(g.anyInt(), g.bytes(100)));
    }

    /** One generator for every typed EXTENDED_REPLY body. */
    List<Supplier<SftpExtendedReplyData>> extendedReplyKinds() {
        return List.of(
                () -> new StatvfsReply(g.anyLong(), g.anyLong(), g.anyLong(), g.anyLong(), g.anyLong(), g.anyLong(),
                        g.anyLong(), g.anyLong(), g.anyLong(), g.anyLong(), g.anyLong()),
                () -> new LimitsReply(g.anyLong(), g.anyLong(), g.anyLong(), g.anyLong()),
                () -> new UsersGroupsByIdReply(names(), names()));
    }

    SftpReply.Status status() {
        int code = g.oneOf(0, 1, 2, 3, 4, 5, 6, 7, 8, g.anyInt());
        return switch (g.nextInt(4)) {
            case 0 -> new SftpReply.Status(g.anyInt(), code, null, null);
            case 1 -> new SftpReply.Status(g.anyInt(), code, g.text(), null);
            default -> new SftpReply.Status(g.anyInt(), code, g.text(), g.oneOf("", "en", "en-US"));
        };
    }

    List<SftpReply.NameEntry> nameEntries() {
        int n = g.nextInt(4);
        List<SftpReply.NameEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SftpReply.NameEntry(path(), path(), attrs()));
        }
        return out;
    }
}
