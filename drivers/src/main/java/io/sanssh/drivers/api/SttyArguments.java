package io.sanssh.drivers.api;

import io.sanssh.spec.connection.TerminalModes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates a client's terminal size and modes (RFC 4254 §6.2, §8) into arguments of Linux
 * {@code stty(1)}, which {@link PtyProcess} runs on the new pty.
 *
 * <p>Applied: the control characters (VINTR, VQUIT, VERASE, VKILL, VEOF, VEOL, VEOL2, VSTART,
 * VSTOP, VSUSP, VREPRINT, VWERASE, VLNEXT, VDISCARD, VSWTCH; 255 means "none", as in the RFC) and
 * the input, local and output flags Linux has (ICRNL, ECHO, ICANON, ISIG, OPOST, ONLCR, IUTF8 and
 * the rest of {@link #FLAGS}). Ignored: VDSUSP, VSTATUS, VFLUSH and PENDIN (Linux's stty has no
 * such setting), CS7, CS8, PARENB and PARODD (a Linux pty keeps 8 bits without parity, and stty
 * fails when asked otherwise), the baud rates (meaningless on a pty) and any opcode not listed
 * here, as RFC 4254 §8 lets a server do.
 */
final class SttyArguments {
    /** Boolean modes: opcode to the stty name ("-name" clears it). */
    private static final Map<Integer, String> FLAGS = Map.ofEntries(
            Map.entry(TerminalModes.IGNPAR, "ignpar"), Map.entry(TerminalModes.PARMRK, "parmrk"),
            Map.entry(TerminalModes.INPCK, "inpck"), Map.entry(TerminalModes.ISTRIP, "istrip"),
            Map.entry(TerminalModes.INLCR, "inlcr"), Map.entry(TerminalModes.IGNCR, "igncr"),
            Map.entry(TerminalModes.ICRNL, "icrnl"), Map.entry(TerminalModes.IUCLC, "iuclc"),
            Map.entry(TerminalModes.IXON, "ixon"), Map.entry(TerminalModes.IXANY, "ixany"),
            Map.entry(TerminalModes.IXOFF, "ixoff"), Map.entry(TerminalModes.IMAXBEL, "imaxbel"),
            Map.entry(TerminalModes.IUTF8, "iutf8"), Map.entry(TerminalModes.ISIG, "isig"),
            Map.entry(TerminalModes.ICANON, "icanon"), Map.entry(TerminalModes.XCASE, "xcase"),
            Map.entry(TerminalModes.ECHO, "echo"), Map.entry(TerminalModes.ECHOE, "echoe"),
            Map.entry(TerminalModes.ECHOK, "echok"), Map.entry(TerminalModes.ECHONL, "echonl"),
            Map.entry(TerminalModes.NOFLSH, "noflsh"), Map.entry(TerminalModes.TOSTOP, "tostop"),
            Map.entry(TerminalModes.IEXTEN, "iexten"), Map.entry(TerminalModes.ECHOCTL, "echoctl"),
            Map.entry(TerminalModes.ECHOKE, "echoke"), Map.entry(TerminalModes.OPOST, "opost"),
            Map.entry(TerminalModes.OLCUC, "olcuc"), Map.entry(TerminalModes.ONLCR, "onlcr"),
            Map.entry(TerminalModes.OCRNL, "ocrnl"), Map.entry(TerminalModes.ONOCR, "onocr"),
            Map.entry(TerminalModes.ONLRET, "onlret"));

    /** Character modes: opcode to the stty name. */
    private static final Map<Integer, String> CHARS = Map.ofEntries(
            Map.entry(TerminalModes.VINTR, "intr"), Map.entry(TerminalModes.VQUIT, "quit"),
            Map.entry(TerminalModes.VERASE, "erase"), Map.entry(TerminalModes.VKILL, "kill"),
            Map.entry(TerminalModes.VEOF, "eof"), Map.entry(TerminalModes.VEOL, "eol"),
            Map.entry(TerminalModes.VEOL2, "eol2"), Map.entry(TerminalModes.VSTART, "start"),
            Map.entry(TerminalModes.VSTOP, "stop"), Map.entry(TerminalModes.VSUSP, "susp"),
            Map.entry(TerminalModes.VREPRINT, "rprnt"), Map.entry(TerminalModes.VWERASE, "werase"),
            Map.entry(TerminalModes.VLNEXT, "lnext"), Map.entry(TerminalModes.VDISCARD, "discard"),
            Map.entry(TerminalModes.VSWTCH, "swtch"));

    /** The RFC's "this character is disabled". */
    private static final long NO_CHARACTER = 255;

    private SttyArguments() {
    }

    /** {@code rows R cols C}, or nothing if either is unknown (0): the pty then keeps its own. */
    static List<String> size(Terminal.Size size) {
        if (!size.hasCharacters()) {
            return List.of();
        }
        return List.of("rows", Integer.toString(size.rows()), "cols", Integer.toString(size.columns()));
    }

    /**
     * The settings for {@code modes}, in the client's order (a later pair for the same opcode
     * wins, as with stty itself); empty if none applies.
     */
    static List<String> modes(TerminalModes modes) {
        List<String> out = new ArrayList<>();
        for (TerminalModes.Mode m : modes.modes()) {
            int op = m.opcode();
            long arg = m.argument();
            String flag = FLAGS.get(op);
            String character = CHARS.get(op);
            if (flag != null) {
                out.add(arg != 0 ? flag : "-" + flag);
            } else if (character != null && arg <= NO_CHARACTER) {
                out.add(character);
                // hex, because stty takes a single digit as the literal character
                out.add(arg == NO_CHARACTER ? "undef" : String.format("0x%02x", arg));
            }
        }
        return out;
    }
}
