package io.sanssh.drivers.api;

import java.nio.file.Path;

/**
 * A line of an OpenSSH client configuration file that Sanssh, like ssh, refuses: a keyword without
 * a value, an unclosed quote, a {@code Match} criterion ssh_config(5) does not define or one without
 * its argument, {@code all} combined with other criteria, or {@code Include} nested more than
 * {@link OpenSshConfig#MAX_INCLUDE_DEPTH} deep. The message starts with where: {@code line N} of the
 * text given to {@link OpenSshConfig#parse}, or {@code FILE line N}.
 */
public final class OpenSshConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    /**
     * @param file the file the line is in, or {@code null} for text given directly
     * @param line the line number, from 1
     * @param problem what is wrong with it
     */
    public OpenSshConfigException(Path file, int line, String problem) {
        super((file == null ? "" : file + " ") + "line " + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file the line is in, or {@code null} for text given directly. */
    public Path file() {
        return file;
    }

    /** The line number, from 1. */
    public int line() {
        return line;
    }
}
