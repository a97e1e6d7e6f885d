package io.sanssh.drivers.sftp;

import io.sanssh.engine.sftp.SftpLongName;
import io.sanssh.engine.sftp.SftpOpenDirectory;
import io.sanssh.engine.sftp.SftpStatusException;
import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A directory open for an SFTP handle: a {@link DirectoryStream} read in batches of
 * {@link #BATCH} entries per READDIR. Each entry carries the attributes of the entry itself (a
 * link is shown as a link, as {@code ls -l} does) and an {@code ls -l} long name; "." and ".."
 * are not listed.
 */
final class NioOpenDirectory implements SftpOpenDirectory {
    /** Entries per READDIR reply, as OpenSSH's sftp-server sends at most 100. */
    static final int BATCH = 100;

    private final DirectoryStream<Path> stream;
    private final Iterator<Path> entries;

    NioOpenDirectory(DirectoryStream<Path> stream) {
        this.stream = stream;
        this.entries = stream.iterator();
    }

    @Override
    public List<SftpReply.NameEntry> next() throws SftpStatusException {
        List<SftpReply.NameEntry> out = new ArrayList<>();
        long now = System.currentTimeMillis() / 1000;
        try {
            while (out.size() < BATCH && entries.hasNext()) {
                Path p = entries.next();
                Bytes name = Bytes.utf8(p.getFileName().toString());
                SftpAttributes a;
                try {
                    a = NioAttributes.read(p, false);
                } catch (SftpStatusException vanished) {
                    // removed since the listing started: leave it out
                    continue;
                }
                String[] owner = NioAttributes.names(p);
                out.add(new SftpReply.NameEntry(name, SftpLongName.format(name, a, owner[0], owner[1], now), a));
            }
        } catch (DirectoryIteratorException e) {
            throw NioErrors.map(e.getCause());
        }
        return out;
    }

    @Override
    public void close() throws SftpStatusException {
        try {
            stream.close();
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
    }
}
