package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.drivers.testing.ProcessRun;
import io.sanssh.spec.connection.TerminalModes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 4254 §8 terminal modes as stty arguments, checked against the real stty on a real pty. */
@Timeout(60)
class SttyArgumentsTest {
    /** Cleared in {@link #everyMode()}: echo and line editing, and output case or newline rewriting. */
    private static final List<Integer> CLEARED = List.of(TerminalModes.ECHO, TerminalModes.ICANON,
            TerminalModes.OLCUC, TerminalModes.IUCLC, TerminalModes.XCASE, TerminalModes.OCRNL, TerminalModes.ONOCR,
            TerminalModes.ONLRET);

    /** Every mode the translation knows, set away from Linux's defaults where that is harmless. */
    private static TerminalModes everyMode() {
        TerminalModes m = TerminalModes.NONE;
        for (int op = 1; op < TerminalModes.FIRST_UNDEFINED_OPCODE; op++) {
            if (op <= TerminalModes.VDISCARD) {
                m = m.with(op, op == TerminalModes.VEOL ? 255 : op); // ^A, ^B, ...; VEOL none
            } else if (op >= TerminalModes.IGNPAR) {
                m = m.with(op, CLEARED.contains(op) ? 0 : 1);
            }
        }
        return m;
    }

    @Test
    void flagsCharactersAndSizeBecomeSttyWords() {
        TerminalModes modes = TerminalModes.NONE.with(TerminalModes.ECHO, 0).with(TerminalModes.ICRNL, 1)
                .with(TerminalModes.VINTR, 3).with(TerminalModes.VEOF, 255).with(TerminalModes.TTY_OP_ISPEED, 38400)
                .with(TerminalModes.CS7, 1).with(TerminalModes.VSTATUS, 20);
        assertEquals(List.of("-echo", "icrnl", "intr", "0x03", "eof", "undef"), SttyArguments.modes(modes));
        assertEquals(List.of("rows", "24", "cols", "80"), SttyArguments.size(new Terminal.Size(80, 24, 0, 0)));
        assertEquals(List.of(), SttyArguments.size(new Terminal.Size(0, 0, 640, 480)));
    }

    @Test
    void linuxSttyAcceptsEveryWordOnAPty() throws Exception {
        assumeTrue(PtyProcess.available(PtyProcess.DEFAULT_SCRIPT), "util-linux script not installed");
        String words = String.join(" ", SttyArguments.modes(everyMode()));
        ProcessRun.Result r = ProcessRun.run(List.of(PtyProcess.DEFAULT_SCRIPT.toString(), "-q", "-e", "-c",
                "stty " + words + " && stty -a", "/dev/null"), null, new byte[0]);
        assertEquals(0, r.exit(), words + "\n" + r.out() + r.err());
        assertTrue(r.out().contains("intr = ^A;"), r.out());
        assertTrue(r.out().contains("eol = <undef>;"), r.out());
        assertTrue(r.out().contains("-echo "), r.out());
        assertTrue(r.out().contains("-icanon"), r.out());
        assertTrue(r.out().contains(" iutf8"), r.out());
    }

    @Test
    void theSetupQuotesTheCommandForSh() throws Exception {
        Terminal t = new Terminal("xterm", TerminalModes.NONE, new Terminal.Size(0, 0, 0, 0));
        String setup = PtyProcess.setup(t, "echo 'it''s' \"$HOME\"");
        assertTrue(setup.endsWith("exec /bin/sh -c 'echo '\\''it'\\'''\\''s'\\'' \"$HOME\"'"), setup);
        ProcessRun.Result r = ProcessRun.run(List.of("/bin/sh", "-c", "exec /bin/sh -c "
                + PtyProcess.quote("echo 'it''s' x")), null, new byte[0]);
        assertEquals("its x\n", r.out());
    }

    @Test
    void theLoginShellComesFromPasswdWithShAsFallback() {
        String passwd = "root:x:0:0:root:/root:/bin/bash\nnologin:x:1:1::/:\n";
        assertEquals("/bin/bash", LoginShell.of("root", passwd));
        assertEquals("/bin/sh", LoginShell.of("nologin", passwd));
        assertEquals("/bin/sh", LoginShell.of("stranger", passwd));
    }
}
