package io.sanssh.engine.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicKeysTest {
    @ParameterizedTest
    @ValueSource(strings = {"ed25519.pub", "ecdsa256.pub", "ecdsa384.pub", "ecdsa521.pub", "rsa3072.pub",
        "rsa_pem.pub", "host_ed25519_cert-cert.pub", "host_rsa_cert-cert.pub", "host_ecdsa256_cert-cert.pub"})
    void sshKeygenPubFilesParseAndPrintBackIdentically(String file) {
        String line = KeyResources.text(file).strip();
        SshPublicKey key = PublicKeys.parseOpenSshLine(line);
        String comment = line.substring(line.lastIndexOf(' ') + 1);
        assertEquals(line, PublicKeys.toOpenSshLine(key, comment));
        assertEquals(key, PublicKeys.parse(key.blob()));
        assertEquals(line.substring(0, line.indexOf(' ')), key.keyType());
    }

    @Test
    void fingerprintsEqualWhatSshKeygenPrints() {
        // Each line: "<file> <bits> SHA256:<hash> <comment> (<TYPE>)", from ssh-keygen -lf.
        int checked = 0;
        for (String line : KeyResources.text("fingerprints.txt").split("\n")) {
            String[] words = line.split(" ");
            SshPublicKey key = KeyResources.pub(words[0]);
            assertEquals(words[2], key.fingerprint(), words[0]);
            checked++;
        }
        assertTrue(checked >= 30, "fingerprints checked: " + checked);
    }

    @Test
    void certificateFingerprintIsItsKeysAsSshKeygenPrintsIt() {
        SshPublicKey cert = KeyResources.pub("host_ed25519_cert-cert.pub");
        assertEquals(KeyResources.pub("host_ed25519.pub").fingerprint(), cert.fingerprint());
        assertEquals(KeyResources.pub("host_ed25519.pub"), cert.plainKey());
        assertTrue(cert.isCertificate());
        assertFalse(cert.plainKey().isCertificate());
    }

    @Test
    void everyTruncationOfABlobIsAFormatError() {
        for (String file : new String[] {"ed25519.pub", "ecdsa521.pub", "rsa3072.pub", "user_cert-cert.pub"}) {
            byte[] blob = KeyResources.pub(file).blob().toByteArray();
            for (int len = 0; len < blob.length; len++) {
                Bytes prefix = Bytes.of(blob, 0, len);
                SshFormatException e = assertThrows(SshFormatException.class, () -> PublicKeys.parse(prefix));
                assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reason());
            }
        }
    }

    @Test
    void trailingBytesAreAFormatError() {
        byte[] blob = KeyResources.pub("ed25519.pub").blob().toByteArray();
        assertThrows(SshFormatException.class, () -> PublicKeys.parse(Bytes.wrap(Arrays.copyOf(blob, blob.length + 1))));
    }

    @Test
    void flippedBitsInBlobsGiveAKeyOrAFormatErrorNeverAnotherException() {
        for (String file : new String[] {"ed25519.pub", "ecdsa256.pub", "rsa_pem.pub", "host_ecdsa256_cert-cert.pub"}) {
            byte[] blob = KeyResources.pub(file).blob().toByteArray();
            for (int i = 0; i < blob.length; i++) {
                byte[] bad = blob.clone();
                bad[i] ^= 0x04;
                try {
                    PublicKeys.parse(Bytes.wrap(bad));
                } catch (SshFormatException expected) {
                    // fine
                }
            }
        }
    }

    @Test
    void unknownKeyTypeIsAFormatError() {
        Bytes blob = new SshWriter().writeAscii("ssh-dss").writeMpint(BigInteger.TEN).toBytes();
        assertThrows(SshFormatException.class, () -> PublicKeys.parse(blob));
        Bytes shaCert = new SshWriter().writeAscii("rsa-sha2-256-cert-v01@openssh.com").toBytes();
        assertThrows(SshFormatException.class, () -> PublicKeys.parse(shaCert));
    }

    @Test
    void ecdsaPointOffTheCurveIsRefused() {
        byte[] blob = KeyResources.pub("ecdsa256.pub").blob().toByteArray();
        blob[blob.length - 1] ^= 0x01; // changes Y: the point leaves the curve
        SshFormatException e = assertThrows(SshFormatException.class, () -> PublicKeys.parse(Bytes.wrap(blob)));
        assertTrue(e.getMessage().contains("not on curve"), e.getMessage());
    }

    @Test
    void ecdsaCurveMustMatchTheKeyTypeAndPointMustBeUncompressed() {
        SshReader r = SshReader.of(KeyResources.pub("ecdsa384.pub").blob());
        r.readAscii();
        r.readAscii();
        byte[] q = r.readStringBytes();
        Bytes mismatched = new SshWriter().writeAscii("ecdsa-sha2-nistp384").writeAscii("nistp256").writeString(q).toBytes();
        assertThrows(SshFormatException.class, () -> PublicKeys.parse(mismatched));
        byte[] compressed = Arrays.copyOf(q, 49);
        compressed[0] = (byte) (2 + (q[q.length - 1] & 1));
        Bytes c = new SshWriter().writeAscii("ecdsa-sha2-nistp384").writeAscii("nistp384").writeString(compressed).toBytes();
        assertThrows(SshFormatException.class, () -> PublicKeys.parse(c));
    }

    @Test
    void ed25519KeyThatIsNoCurvePointIsRefused() {
        byte[] y = new byte[32];
        for (int v = 2; ; v++) {
            y[0] = (byte) v;
            if (!Ed25519.validatePublicKeyPartial(y, 0)) {
                break;
            }
        }
        Bytes blob = new SshWriter().writeAscii("ssh-ed25519").writeString(y).toBytes();
        assertThrows(SshFormatException.class, () -> PublicKeys.parse(blob));
        Bytes shortKey = new SshWriter().writeAscii("ssh-ed25519").writeString(new byte[31]).toBytes();
        assertThrows(SshFormatException.class, () -> PublicKeys.parse(shortKey));
    }

    @Test
    void rsaModulusUnder1024BitsIsRefused() {
        BigInteger n1023 = BigInteger.ONE.shiftLeft(1022).add(BigInteger.valueOf(12345));
        Bytes small = new SshWriter().writeAscii("ssh-rsa").writeMpint(BigInteger.valueOf(65537)).writeMpint(n1023).toBytes();
        assertThrows(SshFormatException.class, () -> PublicKeys.parse(small));
        BigInteger n1024 = BigInteger.ONE.shiftLeft(1023).add(BigInteger.valueOf(12345));
        Bytes ok = new SshWriter().writeAscii("ssh-rsa").writeMpint(BigInteger.valueOf(65537)).writeMpint(n1024).toBytes();
        assertEquals("ssh-rsa", PublicKeys.parse(ok).keyType());
        Bytes evenE = new SshWriter().writeAscii("ssh-rsa").writeMpint(BigInteger.TWO).writeMpint(n1024).toBytes();
        assertThrows(SshFormatException.class, () -> PublicKeys.parse(evenE));
    }

    @Test
    void openSshLinesWithBadBase64OrAMismatchedTypeAreFormatErrors() {
        String line = KeyResources.text("ed25519.pub").strip();
        assertThrows(SshFormatException.class, () -> PublicKeys.parseOpenSshLine(line.replace("AAAA", "AA!A")));
        assertThrows(SshFormatException.class, () -> PublicKeys.parseOpenSshLine(line.replace("ssh-ed25519 ", "ssh-rsa ")));
        assertThrows(SshFormatException.class, () -> PublicKeys.parseOpenSshLine("ssh-ed25519"));
        assertThrows(SshFormatException.class, () -> PublicKeys.parseOpenSshLine(""));
        assertEquals(KeyResources.pub("ed25519.pub"), PublicKeys.parseOpenSshLine("  " + line + "  \n"));
    }

    @Test
    void keysAreEqualByBlobAndPrintWithoutComment() {
        SshPublicKey a = KeyResources.pub("ed25519.pub");
        assertEquals(a, PublicKeys.parse(a.blob()));
        assertEquals(a.hashCode(), PublicKeys.parse(a.blob()).hashCode());
        assertNotEquals(a, KeyResources.pub("other_ed25519.pub"));
        assertEquals(KeyResources.text("ed25519.pub").substring(0, KeyResources.text("ed25519.pub").lastIndexOf(' ')),
                PublicKeys.toOpenSshLine(a, null));
        assertTrue(a.toString().contains(a.fingerprint()));
    }
}
