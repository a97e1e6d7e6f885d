package io.sanssh.spec.connection;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The "encoded terminal modes" of a "pty-req" channel request (RFC 4254 §8): opcode-argument
 * pairs, a {@code byte} opcode 1-159 followed by a {@code uint32} argument, ended by
 * {@link #TTY_OP_END}.
 *
 * <p>{@link ChannelRequestBody.PtyReq} keeps the encoded bytes as they came, so nothing is lost
 * whatever this class makes of them. {@link #decode} follows the RFC: opcodes 160-255 are not
 * defined and stop parsing, and the modes read so far are the result. It also accepts a stream
 * that ends without {@code TTY_OP_END} (some clients send an empty string). {@link #encode} always
 * ends with {@code TTY_OP_END}.
 *
 * @param modes the pairs in wire order; an opcode may appear more than once (the last one wins)
 */
public record TerminalModes(List<Mode> modes) {
    /** No modes: encodes to the single byte {@code TTY_OP_END}. */
    public static final TerminalModes NONE = new TerminalModes(List.of());

    public static final int TTY_OP_END = 0;
    public static final int VINTR = 1;
    public static final int VQUIT = 2;
    public static final int VERASE = 3;
    public static final int VKILL = 4;
    public static final int VEOF = 5;
    public static final int VEOL = 6;
    public static final int VEOL2 = 7;
    public static final int VSTART = 8;
    public static final int VSTOP = 9;
    public static final int VSUSP = 10;
    public static final int VDSUSP = 11;
    public static final int VREPRINT = 12;
    public static final int VWERASE = 13;
    public static final int VLNEXT = 14;
    public static final int VFLUSH = 15;
    public static final int VSWTCH = 16;
    public static final int VSTATUS = 17;
    public static final int VDISCARD = 18;
    public static final int IGNPAR = 30;
    public static final int PARMRK = 31;
    public static final int INPCK = 32;
    public static final int ISTRIP = 33;
    public static final int INLCR = 34;
    public static final int IGNCR = 35;
    public static final int ICRNL = 36;
    public static final int IUCLC = 37;
    public static final int IXON = 38;
    public static final int IXANY = 39;
    public static final int IXOFF = 40;
    public static final int IMAXBEL = 41;
    /** Input is UTF-8 (RFC 8160). */
    public static final int IUTF8 = 42;
    public static final int ISIG = 50;
    public static final int ICANON = 51;
    public static final int XCASE = 52;
    public static final int ECHO = 53;
    public static final int ECHOE = 54;
    public static final int ECHOK = 55;
    public static final int ECHONL = 56;
    public static final int NOFLSH = 57;
    public static final int TOSTOP = 58;
    public static final int IEXTEN = 59;
    public static final int ECHOCTL = 60;
    public static final int ECHOKE = 61;
    public static final int PENDIN = 62;
    public static final int OPOST = 70;
    public static final int OLCUC = 71;
    public static final int ONLCR = 72;
    public static final int OCRNL = 73;
    public static final int ONOCR = 74;
    public static final int ONLRET = 75;
    public static final int CS7 = 90;
    public static final int CS8 = 91;
    public static final int PARENB = 92;
    public static final int PARODD = 93;
    /** Input baud rate in bits per second. */
    public static final int TTY_OP_ISPEED = 128;
    /** Output baud rate in bits per second. */
    public static final int TTY_OP_OSPEED = 129;

    /** Opcodes at or above this are undefined and stop parsing (RFC 4254 §8). */
    public static final int FIRST_UNDEFINED_OPCODE = 160;

    public TerminalModes {
        modes = List.copyOf(modes);
    }

    /**
     * One opcode-argument pair.
     *
     * @param opcode 1..159
     * @param argument a uint32: a character code (255 for none), a flag (0 or 1) or a speed
     */
    public record Mode(int opcode, long argument) {
        public Mode {
            if (opcode < 1 || opcode >= FIRST_UNDEFINED_OPCODE) {
                throw new IllegalArgumentException("terminal mode opcode out of 1..159: " + opcode);
            }
            FieldChecks.uint32(argument, "argument");
        }
    }

    /** These modes with {@code opcode} set to {@code argument}, replacing any earlier value. */
    public TerminalModes with(int opcode, long argument) {
        List<Mode> out = new ArrayList<>(modes.size() + 1);
        for (Mode m : modes) {
            if (m.opcode() != opcode) {
                out.add(m);
            }
        }
        out.add(new Mode(opcode, argument));
        return new TerminalModes(out);
    }

    /** The argument of the last pair with {@code opcode}, if any. */
    public OptionalLong get(int opcode) {
        for (int i = modes.size() - 1; i >= 0; i--) {
            if (modes.get(i).opcode() == opcode) {
                return OptionalLong.of(modes.get(i).argument());
            }
        }
        return OptionalLong.empty();
    }

    /** The encoded form for {@link ChannelRequestBody.PtyReq#encodedModes()}. */
    public Bytes encode() {
        SshWriter w = new SshWriter(modes.size() * 5 + 1);
        for (Mode m : modes) {
            w.writeByte(m.opcode()).writeUint32(m.argument());
        }
        w.writeByte(TTY_OP_END);
        return w.toBytes();
    }

    /**
     * Parses encoded modes as a server does before applying them to a pty.
     *
     * @throws SshFormatException if an opcode 1-159 is not followed by a whole uint32
     */
    public static TerminalModes decode(Bytes encoded) {
        Objects.requireNonNull(encoded, "encoded");
        SshReader r = SshReader.of(encoded);
        List<Mode> out = new ArrayList<>();
        while (r.hasRemaining()) {
            int opcode = r.readByte();
            if (opcode == TTY_OP_END || opcode >= FIRST_UNDEFINED_OPCODE) {
                break;
            }
            out.add(new Mode(opcode, r.readUint32()));
        }
        return new TerminalModes(out);
    }
}
