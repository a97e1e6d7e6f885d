package io.sanssh.spec.connection;

import java.util.List;

/**
 * Signal names for the "signal" and "exit-signal" channel requests: POSIX names without the
 * "SIG" prefix (RFC 4254 §6.10). Other names are allowed if they have the form
 * {@code name@domain}; OpenSSH defines one ({@link #INFO_OPENSSH}).
 */
public final class SignalNames {
    private SignalNames() {
    }

    public static final String ABRT = "ABRT";
    public static final String ALRM = "ALRM";
    public static final String FPE = "FPE";
    public static final String HUP = "HUP";
    public static final String ILL = "ILL";
    public static final String INT = "INT";
    public static final String KILL = "KILL";
    public static final String PIPE = "PIPE";
    public static final String QUIT = "QUIT";
    public static final String SEGV = "SEGV";
    public static final String TERM = "TERM";
    public static final String USR1 = "USR1";
    public static final String USR2 = "USR2";

    /** SIGINFO on BSD-derived systems (OpenSSH PROTOCOL §2.6). */
    public static final String INFO_OPENSSH = "INFO@openssh.com";

    /** The thirteen names of RFC 4254 §6.10, in the RFC's order. */
    public static final List<String> STANDARD =
            List.of(ABRT, ALRM, FPE, HUP, ILL, INT, KILL, PIPE, QUIT, SEGV, TERM, USR1, USR2);

    /**
     * Whether {@code name} is a standard name or a local extension of the form {@code name@domain}
     * (RFC 4254 §6.10). Receivers should ignore a signal they do not know rather than fail; this
     * is for senders that want to check their own input.
     */
    public static boolean isValid(String name) {
        if (STANDARD.contains(name)) {
            return true;
        }
        int at = name.indexOf('@');
        return at > 0 && at < name.length() - 1 && name.indexOf('@', at + 1) < 0;
    }
}
