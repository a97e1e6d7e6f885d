package io.sanssh.spec.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.algorithm.ExtensionNames;
import io.sanssh.spec.transport.ExtensionValues.DelayCompression;
import io.sanssh.spec.transport.ExtensionValues.Elevation;
import io.sanssh.spec.transport.ExtensionValues.NoFlowControl;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The value formats of RFC 8308 §3 and OpenSSH's version-"0" extensions, built and read back. */
class ExtensionValuesTest {

    @Test
    void serverSigAlgsValueIsTheBareNameListText() {
        ExtInfo.Extension e = ExtensionValues.serverSigAlgs(List.of("ssh-ed25519", "rsa-sha2-512"));
        assertEquals(ExtensionNames.SERVER_SIG_ALGS, e.name());
        assertEquals(Bytes.utf8("ssh-ed25519,rsa-sha2-512"), e.value());
        assertEquals(Optional.of(List.of("ssh-ed25519", "rsa-sha2-512")), ExtInfo.of(e).serverSigAlgs());
        assertEquals(List.of(), ExtensionValues.parseServerSigAlgs(Bytes.EMPTY));
    }

    @Test
    void malformedServerSigAlgsValuesAreRejected() {
        for (String bad : List.of(",", "a,,b", "a,", ",a")) {
            assertThrows(SshFormatException.class, () -> ExtensionValues.parseServerSigAlgs(Bytes.utf8(bad)), bad);
        }
        assertThrows(SshFormatException.class,
                () -> ExtensionValues.parseServerSigAlgs(Bytes.fromHex("61ff62")));
    }

    @Test
    void delayCompressionHoldsBothDirections() {
        ExtInfo info = ExtInfo.of(ExtensionValues.delayCompression(List.of("zlib@openssh.com", "none"), List.of("none")));
        assertEquals(Optional.of(new DelayCompression(List.of("zlib@openssh.com", "none"), List.of("none"))),
                info.delayCompression());
    }

    @Test
    void delayCompressionWithMissingOrExtraBytesIsRejected() {
        assertThrows(SshFormatException.class, () -> ExtensionValues.parseDelayCompression(Bytes.fromHex("00000000")));
        assertThrows(SshFormatException.class,
                () -> ExtensionValues.parseDelayCompression(Bytes.fromHex("00000000 00000000 00")));
        assertThrows(SshFormatException.class,
                () -> ExtensionValues.parseDelayCompression(Bytes.fromHex("00000000 00000009 61")));
    }

    @Test
    void noFlowControlAndElevationAreSingleLetters() {
        for (NoFlowControl c : NoFlowControl.values()) {
            assertEquals(Optional.of(c), ExtInfo.of(ExtensionValues.noFlowControl(c)).noFlowControl());
        }
        for (Elevation c : Elevation.values()) {
            assertEquals(Optional.of(c), ExtInfo.of(ExtensionValues.elevation(c)).elevation());
        }
        assertEquals(Bytes.utf8("p"), ExtensionValues.noFlowControl(NoFlowControl.PREFERRED).value());
        assertEquals(Bytes.utf8("d"), ExtensionValues.elevation(Elevation.DEFAULT).value());
        assertThrows(SshFormatException.class, () -> ExtensionValues.parseNoFlowControl(Bytes.utf8("x")));
        assertThrows(SshFormatException.class, () -> ExtensionValues.parseNoFlowControl(Bytes.utf8("ps")));
        assertThrows(SshFormatException.class, () -> ExtensionValues.parseElevation(Bytes.EMPTY));
        assertThrows(SshFormatException.class, () -> ExtensionValues.parseElevation(Bytes.utf8("Y")));
    }

    @Test
    void pingAndHostboundAreAnnouncedWithVersionZeroOnly() {
        ExtInfo both = ExtInfo.of(ExtensionValues.ping(), ExtensionValues.publickeyHostbound());
        assertTrue(both.supportsPing());
        assertTrue(both.supportsPublickeyHostbound());
        ExtInfo otherVersion = ExtInfo.of(new ExtInfo.Extension(ExtensionNames.PING, Bytes.utf8("1")));
        assertFalse(otherVersion.supportsPing(), "an unknown version is not a promise to answer PING");
        assertFalse(ExtInfo.of().supportsPing());
    }

    @Test
    void lookupsKeepTheSendersOrderAndIgnoreUnknownNames() {
        ExtInfo info = ExtInfo.of(new ExtInfo.Extension("x@example.com", Bytes.utf8("raw")), ExtensionValues.ping());
        assertEquals("x@example.com", info.extensions().get(0).name());
        assertEquals(Optional.of(Bytes.utf8("raw")), info.value("x@example.com"));
        assertTrue(info.has(ExtensionNames.PING));
        assertEquals(Optional.empty(), info.serverSigAlgs());
        assertEquals(Optional.empty(), info.elevation());
    }
}
