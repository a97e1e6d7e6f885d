package io.sanssh.spec.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.testing.Gen;
import io.sanssh.spec.testing.Hex;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data types of RFC 4251 §5, with the RFC's own examples as golden vectors. */
class SshDataTypesTest {

    private static byte[] mpint(BigInteger v) {
        return new SshWriter().writeMpint(v).toByteArray();
    }

    @Test
    void mpintMatchesTheExamplesOfRfc4251Section5() {
        assertEquals("00000000", Hex.of(mpint(BigInteger.ZERO)));
        assertEquals("0000000809a378f9b2e332a7", Hex.of(mpint(new BigInteger("9a378f9b2e332a7", 16))));
        assertEquals("000000020080", Hex.of(mpint(BigInteger.valueOf(0x80))));
        assertEquals("00000002edcc", Hex.of(mpint(BigInteger.valueOf(-0x1234))));
        assertEquals("00000005ff21524111", Hex.of(mpint(new BigInteger("-deadbeef", 16))));
        for (String hex : List.of("00000000", "0000000809a378f9b2e332a7", "000000020080", "00000002edcc",
                "00000005ff21524111")) {
            BigInteger v = new SshReader(Hex.parse(hex)).readMpint();
            assertEquals(hex, Hex.of(mpint(v)));
        }
    }

    @Test
    void nameListMatchesTheExamplesOfRfc4251Section5() {
        assertEquals("00000000", Hex.of(new SshWriter().writeNameList(List.of()).toByteArray()));
        assertEquals("000000047a6c6962", Hex.of(new SshWriter().writeNameList(List.of("zlib")).toByteArray()));
        assertEquals("000000097a6c69622c6e6f6e65",
                Hex.of(new SshWriter().writeNameList(List.of("zlib", "none")).toByteArray()));
        assertEquals(List.of("zlib", "none"), new SshReader(Hex.parse("000000097a6c69622c6e6f6e65")).readNameList());
    }

    @Test
    void stringAndIntegersAreBigEndianWithLengthPrefix() {
        byte[] b = new SshWriter().writeString("testing".getBytes()).writeInt(0x29b7f4aa).writeUint64(-2L)
                .writeBoolean(true).toByteArray();
        assertEquals("0000000774657374696e6729b7f4aafffffffffffffffe01", Hex.of(b));
        SshReader r = new SshReader(b);
        assertEquals("testing", r.readUtf8());
        assertEquals(0x29b7f4aaL, r.readUint32());
        assertEquals(-2L, r.readUint64());
        assertTrue(r.readBoolean());
        r.expectEnd("test");
    }

    @Test
    void truncatedInputsGiveTheTypedError() {
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("000000")).readInt());
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("00000000000000")).readUint64());
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("0000000561626364")).readString());
        assertThrows(SshFormatException.class, () -> new SshReader(new byte[0]).readByte());
    }

    @Test
    void lengthsPastTheInputOrPast2To31AreRejectedBeforeAllocating() {
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("7fffffff00")).readString());
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("80000000")).readString());
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("ffffffff0102")).readStringBytes());
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("fffffff0")).readMpint());
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("ffffffff")).readNameList());
    }

    @Test
    void booleansOtherThanZeroOrOneAreRejected() {
        assertFalse(new SshReader(new byte[] {0}).readBoolean());
        assertThrows(SshFormatException.class, () -> new SshReader(new byte[] {2}).readBoolean());
        assertThrows(SshFormatException.class, () -> new SshReader(new byte[] {(byte) 0xff}).readBoolean());
    }

    @Test
    void nonMinimalMpintsAreRejected() {
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("000000020001")).readMpint());
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("00000002ff80")).readMpint());
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("0000000100")).readMpint());
        assertEquals(BigInteger.valueOf(-1), new SshReader(Hex.parse("00000001ff")).readMpint());
    }

    @Test
    void malformedNameListsAndTextAreRejected() {
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("00000001" + "2c")).readNameList());
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("00000002" + "612c")).readNameList());
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("00000003" + "612c2c")).readNameList());
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("00000001" + "80")).readNameList());
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("00000002" + "c328")).readUtf8());
        assertThrows(SshFormatException.class, () -> new SshReader(Hex.parse("0000000100")).readAscii());
    }

    @Test
    void trailingBytesAreReportedByExpectEnd() {
        SshReader r = new SshReader(Hex.parse("0000000100"));
        r.readInt();
        assertThrows(SshFormatException.class, () -> r.expectEnd("message"));
    }

    @Test
    void writersRefuseNamesThatCouldNotBeReadBack() {
        assertThrows(IllegalArgumentException.class, () -> new SshWriter().writeNameList(List.of("a,b")));
        assertThrows(IllegalArgumentException.class, () -> new SshWriter().writeNameList(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> new SshWriter().writeAscii("caf\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> new SshWriter().writeUint32(-1));
    }

    @Test
    void randomValuesRoundTripThroughEveryType() {
        for (long seed = 1; seed <= 300; seed++) {
            Gen g = new Gen(seed);
            int i = g.anyInt();
            long l = g.anyLong();
            boolean bo = g.bool();
            Bytes s = g.bytes(300);
            String t = g.text();
            BigInteger m = g.mpint();
            List<String> nl = g.nameList();
            byte[] enc = new SshWriter().writeInt(i).writeUint64(l).writeBoolean(bo).writeString(s).writeUtf8(t)
                    .writeMpint(m).writeNameList(nl).toByteArray();
            SshReader r = new SshReader(enc);
            assertEquals(i, r.readInt(), "seed " + seed);
            assertEquals(l, r.readUint64(), "seed " + seed);
            assertEquals(bo, r.readBoolean(), "seed " + seed);
            assertEquals(s, r.readString(), "seed " + seed);
            assertEquals(t, r.readUtf8(), "seed " + seed);
            assertEquals(m, r.readMpint(), "seed " + seed);
            assertEquals(nl, r.readNameList(), "seed " + seed);
            r.expectEnd("seed " + seed);
            byte[] again = new SshWriter().writeInt(i).writeUint64(l).writeBoolean(bo).writeString(s).writeUtf8(t)
                    .writeMpint(m).writeNameList(nl).toByteArray();
            assertArrayEquals(enc, again);
        }
    }

    @Test
    void disconnectReasonCodesMatchRfc4250() {
        assertEquals(1, DisconnectReason.HOST_NOT_ALLOWED_TO_CONNECT.code());
        assertEquals(5, DisconnectReason.MAC_ERROR.code());
        assertEquals(15, DisconnectReason.ILLEGAL_USER_NAME.code());
        assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED, DisconnectReason.fromCode(3));
        assertEquals(null, DisconnectReason.fromCode(99));
    }
}
