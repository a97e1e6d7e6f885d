package io.sanssh.spec.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.testing.Gen;
import io.sanssh.spec.wire.SshFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The identification line of RFC 4253 §4.2 and the version rules of §5.1. */
class ProtocolVersionTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void ourLineIsPrefixSoftwareVersionCommentsAndCrLf() {
        ProtocolVersion v = ProtocolVersion.ssh2("Sanssh_0.1", "test build");
        assertEquals("SSH-2.0-Sanssh_0.1 test build", v.toLine());
        assertArrayEquals(ascii("SSH-2.0-Sanssh_0.1 test build\r\n"), v.encode());
        assertTrue(v.toLine().startsWith(ProtocolVersion.PREFIX));
        assertEquals("SSH-2.0-Sanssh_0.1", ProtocolVersion.ssh2("Sanssh_0.1", "").toLine());
    }

    @Test
    void commentsMayContainSpacesAndDashes() {
        ProtocolVersion v = ProtocolVersion.parse(ascii("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10 extra words"));
        assertEquals(new ProtocolVersion("2.0", "OpenSSH_9.2p1", "Debian-2+deb12u10 extra words"), v);
    }

    @Test
    void oneNinetyNineIsCompatibleAndOtherVersionsAreNot() {
        assertTrue(ProtocolVersion.parse(ascii("SSH-1.99-Old_Server")).isSsh2Compatible());
        assertTrue(ProtocolVersion.parse(ascii("SSH-2.0-x")).isSsh2Compatible());
        assertFalse(ProtocolVersion.parse(ascii("SSH-1.5-Ancient")).isSsh2Compatible());
        assertFalse(ProtocolVersion.parse(ascii("SSH-3.0-Future")).isSsh2Compatible());
    }

    @Test
    void linesBeforeTheIdentificationAreRecognisedAsSuch() {
        assertTrue(ProtocolVersion.isIdentification(ascii("SSH-2.0-x")));
        assertFalse(ProtocolVersion.isIdentification(ascii("Welcome to the server")));
        assertFalse(ProtocolVersion.isIdentification(ascii("SSH")));
        assertFalse(ProtocolVersion.isIdentification(ascii("ssh-2.0-x")));
    }

    @Test
    void theLongestLineIs255BytesWithItsCrLf() {
        String software = "x".repeat(255 - 2 - ProtocolVersion.PREFIX.length());
        byte[] line = ProtocolVersion.ssh2(software, "").encode();
        assertEquals(ProtocolVersion.MAX_LINE_LENGTH, line.length);
        assertEquals(software, ProtocolVersion.parse(ascii(ProtocolVersion.PREFIX + software)).softwareVersion());
        assertThrows(IllegalArgumentException.class, () -> ProtocolVersion.ssh2(software + "x", "").encode());
        assertThrows(SshFormatException.class, () -> ProtocolVersion.parse(ascii(ProtocolVersion.PREFIX + software + "x")));
    }

    @Test
    void malformedLinesAreRejected() {
        for (String bad : List.of("", "SSH-", "SSH-2.0", "SSH-2.0-", "SSH--x", "SSH-2.0- comment", "SSH-2 0-x",
                "HTTP/1.1 400", "SSH-2.0-a\u0000b", "SSH-2.0-a\rb", "SSH-2.0-x y\nz", "SSH-2.0-caf\u00e9")) {
            assertThrows(SshFormatException.class, () -> ProtocolVersion.parse(ascii(bad)), bad);
        }
    }

    @Test
    void constructorRefusesPartsThatCannotBeSent() {
        assertThrows(IllegalArgumentException.class, () -> ProtocolVersion.ssh2("with space", ""));
        assertThrows(IllegalArgumentException.class, () -> ProtocolVersion.ssh2("with-dash", ""));
        assertThrows(IllegalArgumentException.class, () -> ProtocolVersion.ssh2("", ""));
        assertThrows(IllegalArgumentException.class, () -> ProtocolVersion.ssh2("x", "line\r\nbreak"));
        assertThrows(IllegalArgumentException.class, () -> ProtocolVersion.ssh2("x", "\u4e2d"));
    }

    @Test
    void parsingWhatWeEncodeGivesTheSameValue() {
        for (long seed = 0; seed < 256; seed++) {
            Gen g = new Gen(seed);
            String software = g.name().replace('-', '_');
            String comments = g.bool() ? "" : g.name() + " " + g.name();
            ProtocolVersion v = new ProtocolVersion(g.oneOf("2.0", "1.99"), software, comments);
            byte[] line = v.encode();
            byte[] withoutCrLf = Arrays.copyOf(line, line.length - 2);
            assertEquals(v, ProtocolVersion.parse(withoutCrLf), "seed " + seed);
        }
    }
}
