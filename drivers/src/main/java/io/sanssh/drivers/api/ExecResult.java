package io.sanssh.drivers.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a remote command produced: its whole stdout and stderr, and how it ended.
 *
 * @param stdout the bytes of the channel's data stream
 * @param stderr the bytes of extended data type 1
 * @param exitStatus the "exit-status" the server sent (RFC 4254 §6.10), or -1 if it sent none
 * @param exitSignal the signal name of an "exit-signal" (e.g. {@code TERM}), or {@code null}
 */
public record ExecResult(byte[] stdout, byte[] stderr, int exitStatus, String exitSignal) {
    /** stdout decoded as UTF-8. */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** stderr decoded as UTF-8. */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecResult r && Arrays.equals(stdout, r.stdout) && Arrays.equals(stderr, r.stderr)
                && exitStatus == r.exitStatus && java.util.Objects.equals(exitSignal, r.exitSignal);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(stdout) + Arrays.hashCode(stderr)) + exitStatus;
    }

    @Override
    public String toString() {
        return "ExecResult[exitStatus=" + exitStatus + (exitSignal == null ? "" : ", exitSignal=" + exitSignal)
                + ", stdout=" + stdout.length + " bytes, stderr=" + stderr.length + " bytes]";
    }
}
