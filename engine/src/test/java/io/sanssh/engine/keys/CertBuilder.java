package io.sanssh.engine.keys;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds OpenSSH certificates field by field (PROTOCOL.certkeys) and signs them with a test CA,
 * for the cases ssh-keygen will not make: chained certificates, unknown types, host certificates
 * with critical options, repeated options.
 */
final class CertBuilder {
    private final SshKeyPair subject;
    private int type = 2;
    private final List<String> principals = new ArrayList<>();
    private long validAfter = 0;
    private long validBefore = -1L;
    private final List<String[]> critical = new ArrayList<>();
    private Bytes signatureKeyBlob;

    CertBuilder(SshKeyPair subject) {
        this.subject = subject;
    }

    CertBuilder type(int code) {
        type = code;
        return this;
    }

    CertBuilder principal(String name) {
        principals.add(name);
        return this;
    }

    CertBuilder validity(long after, long before) {
        validAfter = after;
        validBefore = before;
        return this;
    }

    CertBuilder critical(String name, String value) {
        critical.add(new String[] {name, value});
        return this;
    }

    /** Puts this blob in the signature key field instead of the signing CA's own key. */
    CertBuilder signatureKeyBlob(Bytes blob) {
        signatureKeyBlob = blob;
        return this;
    }

    /** The signed certificate blob. */
    Bytes signWith(SshKeyPair ca, String caAlgorithm) {
        Bytes keyBlob = subject.publicKey().blob();
        SshReader r = SshReader.of(keyBlob);
        String keyType = r.readAscii();
        Bytes keyFields = r.readRemaining();
        SshWriter w = new SshWriter();
        w.writeAscii(keyType + "-cert-v01@openssh.com").writeString(new byte[16]).writeRaw(keyFields);
        w.writeUint64(7).writeInt(type).writeUtf8("built");
        SshWriter p = new SshWriter();
        principals.forEach(p::writeUtf8);
        w.writeString(p.toBytes()).writeUint64(validAfter).writeUint64(validBefore);
        SshWriter c = new SshWriter();
        for (String[] o : critical) {
            c.writeUtf8(o[0]).writeString(new SshWriter().writeUtf8(o[1]).toBytes());
        }
        w.writeString(c.toBytes()).writeString(Bytes.EMPTY).writeString(Bytes.EMPTY);
        w.writeString(signatureKeyBlob != null ? signatureKeyBlob : ca.publicKey().blob());
        Bytes signature = ca.sign(caAlgorithm, w.toByteArray());
        return w.writeString(signature).toBytes();
    }
}
