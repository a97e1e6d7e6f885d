package io.sanssh.engine.keys;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenSSH certificate (PROTOCOL.certkeys, {@code *-cert-v01@openssh.com}): a public key with
 * identity, validity and usage fields, signed by a CA key.
 *
 * <p>Parsing checks structure only: the certificate type is user or host, the signature key is a
 * plain key (chained certificates are refused here, as OpenSSH refuses them at parse time), no
 * option appears twice, nothing trails. Whether the CA signature verifies, the time is right and
 * the principal is listed is {@link CertificateChecker}'s job; whether the CA is trusted is the
 * caller's ({@link KnownHosts} for hosts).
 *
 * <p>As a key, a certificate verifies with the key it certifies; its {@link #signatureAlgorithms}
 * are the certificate names ({@code rsa-sha2-512-cert-v01@openssh.com}, ...).
 */
public final class OpenSshCertificate implements SshPublicKey {
    /** The certificate types of PROTOCOL.certkeys. */
    public enum Type {
        /** {@code SSH_CERT_TYPE_USER}: identifies a user to a server. */
        USER(1),
        /** {@code SSH_CERT_TYPE_HOST}: identifies a server to a client. */
        HOST(2);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        /** The wire value. */
        public int code() {
            return code;
        }
    }

    /** OpenSSH's limit on the number of principals in one certificate. */
    static final int MAX_PRINCIPALS = 256;

    private final String keyType;
    private final Bytes blob;
    private final Bytes nonce;
    private final PlainPublicKey key;
    private final long serial;
    private final Type type;
    private final String keyId;
    private final List<String> principals;
    private final long validAfter;
    private final long validBefore;
    private final Map<String, Bytes> criticalOptions;
    private final Map<String, Bytes> extensions;
    private final SshPublicKey signatureKey;
    private final String signatureAlgorithm;
    private final Bytes signature;
    private final Bytes signedData;

    private OpenSshCertificate(String keyType, Bytes blob, SshReader r) {
        this.keyType = keyType;
        this.blob = blob;
        String plainType = keyType.substring(0, keyType.length() - PublicKeys.CERT_SUFFIX.length());
        this.nonce = r.readString();
        this.key = PublicKeys.readFields(plainType, r);
        this.serial = r.readUint64();
        int code = r.readInt();
        if (code != Type.USER.code && code != Type.HOST.code) {
            throw new SshFormatException("certificate type " + Integer.toUnsignedString(code) + " is neither user nor host");
        }
        this.type = code == Type.USER.code ? Type.USER : Type.HOST;
        this.keyId = r.readUtf8();
        this.principals = readPrincipals(r.readString());
        this.validAfter = r.readUint64();
        this.validBefore = r.readUint64();
        this.criticalOptions = readOptions(r.readString(), "critical option");
        this.extensions = readOptions(r.readString(), "extension");
        r.readString(); // reserved
        Bytes caBlob = r.readString();
        int signedEnd = r.position();
        if (SshReader.of(caBlob).readAscii().endsWith(PublicKeys.CERT_SUFFIX)) {
            throw new SshFormatException("certificate is signed by a certificate; chains are not supported");
        }
        this.signatureKey = PublicKeys.parsePlain(caBlob);
        this.signature = r.readString();
        r.expectEnd("certificate");
        this.signatureAlgorithm = SshReader.of(signature).readAscii();
        this.signedData = Bytes.of(blob.toByteArray(), 0, signedEnd);
    }

    /** Parses the rest of a certificate blob whose type string {@code r} has just read. */
    static OpenSshCertificate parse(String keyType, SshReader r, Bytes blob) {
        return new OpenSshCertificate(keyType, blob, r);
    }

    private static List<String> readPrincipals(Bytes packed) {
        SshReader r = SshReader.of(packed);
        List<String> names = new ArrayList<>();
        while (r.hasRemaining()) {
            if (names.size() == MAX_PRINCIPALS) {
                throw new SshFormatException("certificate lists more than " + MAX_PRINCIPALS + " principals");
            }
            names.add(r.readUtf8());
        }
        return List.copyOf(names);
    }

    private static Map<String, Bytes> readOptions(Bytes packed, String what) {
        SshReader r = SshReader.of(packed);
        Map<String, Bytes> options = new LinkedHashMap<>();
        while (r.hasRemaining()) {
            String name = r.readUtf8();
            Bytes data = r.readString();
            if (options.put(name, data) != null) {
                throw new SshFormatException("certificate repeats " + what + " " + name);
            }
        }
        return Collections.unmodifiableMap(options);
    }

    @Override
    public String keyType() {
        return keyType;
    }

    @Override
    public Bytes blob() {
        return blob;
    }

    /** The CA's random nonce. */
    public Bytes nonce() {
        return nonce;
    }

    /** The certified key. */
    @Override
    public SshPublicKey plainKey() {
        return key;
    }

    @Override
    public boolean isCertificate() {
        return true;
    }

    /** The CA's serial number (0 if the CA does not number its certificates); unsigned. */
    public long serial() {
        return serial;
    }

    /** User or host. */
    public Type type() {
        return type;
    }

    /** The free-form key id the CA chose, for logs. */
    public String keyId() {
        return keyId;
    }

    /** The user or host names this certificate is valid for; empty means any (see the checker). */
    public List<String> principals() {
        return principals;
    }

    /** Start of validity, seconds since the epoch, unsigned. */
    public long validAfter() {
        return validAfter;
    }

    /** End of validity (exclusive), seconds since the epoch, unsigned; all ones means forever. */
    public long validBefore() {
        return validBefore;
    }

    /** Whether {@code validAfter <= nowEpochSeconds < validBefore}, compared unsigned. */
    public boolean isValidAt(long nowEpochSeconds) {
        return Long.compareUnsigned(validAfter, nowEpochSeconds) <= 0
                && Long.compareUnsigned(nowEpochSeconds, validBefore) < 0;
    }

    /** Critical options by name, in certificate order, with their raw data fields. */
    public Map<String, Bytes> criticalOptions() {
        return criticalOptions;
    }

    /**
     * The text value of a critical option whose data is one {@code string}, such as
     * {@code force-command} or {@code source-address}; empty if the option is absent.
     *
     * @throws SshFormatException if the option's data is not a single string
     */
    public Optional<String> criticalOptionValue(String name) {
        Bytes data = criticalOptions.get(name);
        if (data == null) {
            return Optional.empty();
        }
        SshReader r = SshReader.of(data);
        String value = r.readUtf8();
        r.expectEnd("critical option " + name);
        return Optional.of(value);
    }

    /** Extensions by name, in certificate order, with their raw data (empty for flags). */
    public Map<String, Bytes> extensions() {
        return extensions;
    }

    /** The CA key that signed this certificate; never itself a certificate. */
    public SshPublicKey signatureKey() {
        return signatureKey;
    }

    /** The algorithm named in the CA signature, e.g. {@code rsa-sha2-512} or {@code ssh-ed25519}. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The CA signature blob. */
    public Bytes signature() {
        return signature;
    }

    /** The bytes the CA signed: the blob from its start up to and including the signature key. */
    Bytes signedData() {
        return signedData;
    }

    /**
     * Verifies a signature made by the certified key. {@code signatureAlgorithm} must be one of
     * this certificate's names ({@code ssh-ed25519-cert-v01@openssh.com}, ...); the blob carries
     * the plain name ({@code ssh-ed25519}).
     */
    @Override
    public boolean verify(String signatureAlgorithm, byte[] data, Bytes signatureBlob) {
        if (!signatureAlgorithms().contains(signatureAlgorithm)) {
            SshReader r = SshReader.of(signatureBlob);
            r.readAscii();
            r.readString();
            r.expectEnd("signature blob");
            return false;
        }
        return key.verify(SignatureAlgorithm.fromName(signatureAlgorithm).wireName(), data, signatureBlob);
    }

    @Override
    public String fingerprint() {
        return key.fingerprint();
    }

    @Override
    public List<String> signatureAlgorithms() {
        return key.algorithms().stream().map(SignatureAlgorithm::certificateName).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenSshCertificate other && blob.equals(other.blob);
    }

    @Override
    public int hashCode() {
        return blob.hashCode();
    }

    @Override
    public String toString() {
        return keyType + " " + fingerprint() + " id \"" + keyId + "\" serial " + Long.toUnsignedString(serial);
    }
}
