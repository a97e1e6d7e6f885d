package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code longname} of a READDIR entry (draft-ietf-secsh-filexfer-02 §7): a line in the style
 * of {@code ls -l}, which clients show as is and must not parse. Laid out as OpenSSH's
 * sftp-server does: mode string, link count, owner, group, size, date, name.
 *
 * <p>The engine reads no clock, so the caller passes "now" to choose between the two date forms
 * of {@code ls}: time of day within six months, the year otherwise. Times are shown in UTC.
 */
public final class SftpLongName {
    private static final long SIX_MONTHS_SECONDS = 182L * 24 * 3600;
    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ROOT);

    private SftpLongName() {
    }

    /**
     * The long name of {@code filename} with {@code attrs}; owner and group are shown as the
     * given names, or as numbers when they are null. {@code nowEpochSeconds} picks the date form.
     */
    public static Bytes format(Bytes filename, SftpAttributes attrs, String owner, String group, long nowEpochSeconds) {
        long mode = attrs.permissions().orElse(0);
        String user = owner != null ? owner : attrs.uid().isPresent() ? Long.toString(attrs.uid().getAsLong()) : "?";
        String grp = group != null ? group : attrs.gid().isPresent() ? Long.toString(attrs.gid().getAsLong()) : "?";
        String size = attrs.size().isPresent() ? Long.toUnsignedString(attrs.size().getAsLong()) : "0";
        String date = "";
        if (attrs.mtime().isPresent()) {
            long mtime = attrs.mtime().getAsLong();
            ZonedDateTime t = Instant.ofEpochSecond(mtime).atZone(ZoneOffset.UTC);
            boolean recent = Math.abs(nowEpochSeconds - mtime) < SIX_MONTHS_SECONDS;
            date = (recent ? RECENT : OLD).format(t);
        }
        String head = String.format(Locale.ROOT, "%-10s %4d %-8s %-8s %8s %12s ", modeString(mode), 1, user, grp, size,
                date);
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[h.length + filename.length()];
        System.arraycopy(h, 0, out, 0, h.length);
        filename.copyTo(out, h.length);
        return Bytes.wrap(out);
    }

    /** The ten-character mode string of {@code ls -l}, e.g. {@code "-rw-r--r--"} or {@code "drwxr-xr-x"}. */
    public static String modeString(long mode) {
        char[] c = new char[10];
        c[0] = switch ((int) (mode & 0170000)) {
            case 0040000 -> 'd';
            case 0120000 -> 'l';
            case 0020000 -> 'c';
            case 0060000 -> 'b';
            case 0010000 -> 'p';
            case 0140000 -> 's';
            default -> '-';
        };
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            c[i + 1] = (mode & (1L << (8 - i))) != 0 ? rwx.charAt(i) : '-';
        }
        if ((mode & 04000) != 0) {
            c[3] = c[3] == 'x' ? 's' : 'S';
        }
        if ((mode & 02000) != 0) {
            c[6] = c[6] == 'x' ? 's' : 'S';
        }
        if ((mode & 01000) != 0) {
            c[9] = c[9] == 'x' ? 't' : 'T';
        }
        return new String(c);
    }
}
