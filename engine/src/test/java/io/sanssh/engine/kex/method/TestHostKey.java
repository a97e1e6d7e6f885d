package io.sanssh.engine.kex.method;

import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Just enough host key handling for the interop tests: sign H as a server, verify a server's
 * signature over H as a client, for {@code ssh-ed25519} (RFC 8709) and {@code rsa-sha2-256}
 * (RFC 8332).
 */
abstract class TestHostKey {
    /** The signature algorithm name for KEXINIT. */
    abstract String algorithm();

    /** K_S, the public key blob. */
    abstract byte[] blob();

    /** The signature blob over H: string algorithm || string signature. */
    abstract byte[] sign(byte[] h);

    static TestHostKey ed25519(SecureRandom random) {
        byte[] sk = new byte[Ed25519.SECRET_KEY_SIZE];
        Ed25519.generatePrivateKey(random, sk);
        byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(sk, 0, pk, 0);
        return new TestHostKey() {
            @Override
            String algorithm() {
                return "ssh-ed25519";
            }

            @Override
            byte[] blob() {
                return new SshWriter().writeAscii("ssh-ed25519").writeString(pk).toByteArray();
            }

            @Override
            byte[] sign(byte[] h) {
                byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
                Ed25519.sign(sk, 0, pk, 0, h, 0, h.length, sig, 0);
                return new SshWriter().writeAscii("ssh-ed25519").writeString(sig).toByteArray();
            }
        };
    }

    static TestHostKey rsa(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048, random);
        KeyPair pair = gen.generateKeyPair();
        return rsa(pair);
    }

    static TestHostKey rsa(KeyPair pair) {
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        return new TestHostKey() {
            @Override
            String algorithm() {
                return "rsa-sha2-256";
            }

            @Override
            byte[] blob() {
                return new SshWriter().writeAscii("ssh-rsa").writeMpint(pub.getPublicExponent())
                        .writeMpint(pub.getModulus()).toByteArray();
            }

            @Override
            byte[] sign(byte[] h) {
                try {
                    Signature s = Signature.getInstance("SHA256withRSA");
                    s.initSign(pair.getPrivate());
                    s.update(h);
                    return new SshWriter().writeAscii("rsa-sha2-256").writeString(s.sign())
                            .toByteArray();
                } catch (GeneralSecurityException e) {
                    throw new AssertionError(e);
                }
            }
        };
    }

    /** Whether {@code signatureBlob} is a valid signature over {@code h} by host key {@code blob}. */
    static boolean verify(byte[] blob, byte[] signatureBlob, byte[] h) throws GeneralSecurityException {
        SshReader key = new SshReader(blob);
        String type = key.readAscii();
        SshReader sig = new SshReader(signatureBlob);
        String sigType = sig.readAscii();
        byte[] sigBytes = sig.readStringBytes();
        switch (type) {
            case "ssh-ed25519": {
                byte[] pk = key.readStringBytes();
                return sigType.equals("ssh-ed25519") && sigBytes.length == Ed25519.SIGNATURE_SIZE
                        && Ed25519.verify(sigBytes, 0, pk, 0, h, 0, h.length);
            }
            case "ssh-rsa": {
                BigInteger e = key.readMpint();
                BigInteger n = key.readMpint();
                String jca = switch (sigType) {
                    case "rsa-sha2-256" -> "SHA256withRSA";
                    case "rsa-sha2-512" -> "SHA512withRSA";
                    default -> throw new AssertionError("unexpected signature " + sigType);
                };
                Signature s = Signature.getInstance(jca);
                s.initVerify(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
                s.update(h);
                return s.verify(sigBytes);
            }
            default:
                throw new AssertionError("unexpected host key type " + type);
        }
    }
}
