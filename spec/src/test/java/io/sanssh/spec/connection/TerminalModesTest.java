package io.sanssh.spec.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.connection.ChannelRequestBody.PtyReq;
import io.sanssh.spec.testing.Gen;
import io.sanssh.spec.testing.Hex;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The encoded terminal modes of RFC 4254 §8. */
class TerminalModesTest {

    @Test
    void theGoldenPtyRequestCarriesItsModesInWireOrder() {
        PtyReq pty = (PtyReq) ((ChannelRequest) ConnectionCodec.decode(ConnectionVectors.load("req-pty"))).body();
        TerminalModes modes = pty.modes();
        assertEquals(ConnectionVectors.PTY_MODES, modes);
        assertEquals(List.of(1, 3, 53, 51, 42, 128, 129), modes.modes().stream().map(TerminalModes.Mode::opcode).toList());
        assertEquals(OptionalLong.of(38400), modes.get(TerminalModes.TTY_OP_OSPEED));
        assertEquals(OptionalLong.empty(), modes.get(TerminalModes.VQUIT));
    }

    @Test
    void encodingIsPairsThenTtyOpEnd() {
        assertEquals("00", TerminalModes.NONE.encode().toHex());
        TerminalModes m = TerminalModes.NONE.with(TerminalModes.ECHO, 0).with(TerminalModes.TTY_OP_ISPEED, 9600);
        assertEquals(Hex.of(Hex.parse("""
                35 00000000  # ECHO off
                80 00002580  # TTY_OP_ISPEED 9600
                00           # TTY_OP_END
                """)), m.encode().toHex());
    }

    @Test
    void anUndefinedOpcodeStopsParsing() {
        // RFC 4254 §8: opcodes 160 to 255 are not yet defined and cause parsing to stop
        TerminalModes m = TerminalModes.decode(Bytes.fromHex("35 00000001  a0 ffff  36 00000001 00"));
        assertEquals(TerminalModes.NONE.with(TerminalModes.ECHO, 1), m);
        assertEquals(TerminalModes.NONE, TerminalModes.decode(Bytes.fromHex("ff")));
    }

    @Test
    void whatFollowsTtyOpEndIsIgnoredAndAMissingEndIsTolerated() {
        assertEquals(TerminalModes.NONE.with(TerminalModes.ECHO, 1),
                TerminalModes.decode(Bytes.fromHex("35 00000001 00 36 00000001")));
        assertEquals(TerminalModes.NONE.with(TerminalModes.ECHO, 1), TerminalModes.decode(Bytes.fromHex("35 00000001")));
        assertEquals(TerminalModes.NONE, TerminalModes.decode(Bytes.EMPTY));
    }

    @Test
    void aTruncatedArgumentIsRejected() {
        assertThrows(SshFormatException.class, () -> TerminalModes.decode(Bytes.fromHex("35 000000")));
        assertThrows(SshFormatException.class, () -> TerminalModes.decode(Bytes.fromHex("35")));
    }

    @Test
    void withReplacesAnEarlierValueAndGetReturnsTheLastOne() {
        TerminalModes m = TerminalModes.NONE.with(TerminalModes.VINTR, 3).with(TerminalModes.VINTR, 255);
        assertEquals(1, m.modes().size());
        assertEquals(OptionalLong.of(255), m.get(TerminalModes.VINTR));
        TerminalModes dup = TerminalModes.decode(Bytes.fromHex("01 00000003 01 000000ff 00"));
        assertEquals(2, dup.modes().size());
        assertEquals(OptionalLong.of(255), dup.get(TerminalModes.VINTR));
    }

    @Test
    void opcodesOutsideOneTo159AreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TerminalModes.Mode(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TerminalModes.Mode(160, 1));
        assertThrows(IllegalArgumentException.class, () -> new TerminalModes.Mode(1, -1));
    }

    @Test
    void randomModesSurviveEncodeThenDecode() {
        for (long seed = 0; seed < 300; seed++) {
            Gen g = new Gen(seed);
            List<TerminalModes.Mode> list = new ArrayList<>();
            for (int i = g.nextInt(12); i > 0; i--) {
                list.add(new TerminalModes.Mode(g.between(1, 159), g.uint32()));
            }
            TerminalModes m = new TerminalModes(list);
            assertEquals(m, TerminalModes.decode(m.encode()), "seed " + seed);
            assertEquals(m.encode(), TerminalModes.decode(m.encode()).encode(), "seed " + seed);
        }
    }

    @Test
    void arbitraryBytesGiveTheTypedErrorOrTheLeadingPairs() {
        int accepted = 0;
        for (long seed = 0; seed < 2000; seed++) {
            byte[] raw = new Gen(seed).bytes(24).toByteArray();
            TerminalModes m;
            try {
                m = TerminalModes.decode(Bytes.wrap(raw.clone()));
            } catch (SshFormatException expected) {
                continue;
            }
            accepted++;
            // the decoded pairs are exactly the leading 5-byte groups of the input
            byte[] again = m.encode().toByteArray();
            int pairs = again.length - 1;
            assertEquals(Hex.of(java.util.Arrays.copyOf(raw, pairs)), Hex.of(java.util.Arrays.copyOf(again, pairs)),
                    "seed " + seed);
            boolean stoppedAtEnd = raw.length == pairs || (raw[pairs] & 0xff) == 0 || (raw[pairs] & 0xff) >= 160;
            assertTrue(stoppedAtEnd, "seed " + seed);
        }
        assertTrue(accepted > 100, "enough accepted inputs to mean something: " + accepted);
    }
}
