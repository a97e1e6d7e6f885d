package io.sanssh.bench.crypto;

import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The raw primitives under the packet protections (the JDK's, Bouncy Castle's Poly1305 and
 * Sanssh's own), one pass over 32 KiB per operation (MB/s = ops/s x 0.032768): the reference
 * points for {@link PacketProtectionBenchmark}. A seal-then-open makes two passes, so its ops/s
 * can reach at most half of these.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PrimitivesBenchmark {
    static final int LENGTH = 32 * 1024;

    private final byte[] in = new byte[LENGTH];
    private final byte[] out = new byte[LENGTH + 16];
    private final byte[] iv = new byte[12];
    private final byte[] sealedIv = new byte[12];
    private final byte[] sealed = new byte[LENGTH + 16];
    private final byte[] polyKey = new byte[32];
    private final byte[] tag = new byte[64];
    private SecretKeySpec aesKey;
    private SecretKeySpec chachaKey;
    private Cipher gcm;
    private Cipher chacha;
    private Mac hmac;
    private Poly1305 poly;
    private long counter;

    @Setup
    public void setUp() throws Exception {
        aesKey = new SecretKeySpec(new byte[16], "AES");
        chachaKey = new SecretKeySpec(new byte[32], "ChaCha20");
        gcm = Cipher.getInstance("AES/GCM/NoPadding");
        chacha = Cipher.getInstance("ChaCha20");
        hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        poly = new Poly1305();
        sealedIv[0] = 1;
        gcm.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, sealedIv));
        gcm.doFinal(in, 0, LENGTH, sealed, 0);
    }

    private void nextIv() {
        counter++;
        for (int i = 0; i < 8; i++) {
            iv[4 + i] = (byte) (counter >>> (56 - 8 * i));
        }
    }

    /** The reference: the JDK's AES-128-GCM encrypting 32 KiB (one init, one doFinal). */
    @Benchmark
    public int jdkAes128GcmEncrypt() throws Exception {
        nextIv();
        gcm.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, iv));
        return gcm.doFinal(in, 0, LENGTH, out, 0);
    }

    /** The JDK's AES-128-GCM decrypting and verifying 32 KiB, into a separate array. */
    @Benchmark
    public int jdkAes128GcmDecrypt() throws Exception {
        gcm.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(128, sealedIv));
        return gcm.doFinal(sealed, 0, LENGTH + 16, out, 0);
    }

    /** The JDK's pure-Java ChaCha20 over 32 KiB (no intrinsic on JDK 17). */
    @Benchmark
    public int jdkChaCha20() throws Exception {
        nextIv();
        chacha.init(Cipher.ENCRYPT_MODE, chachaKey, new ChaCha20ParameterSpec(iv, 0));
        return chacha.update(in, 0, LENGTH, out, 0);
    }

    /** Bouncy Castle's Poly1305 over 32 KiB. */
    @Benchmark
    public byte bcPoly1305() {
        poly.init(new KeyParameter(polyKey));
        poly.update(in, 0, LENGTH);
        poly.doFinal(tag, 0);
        return tag[0];
    }

    /** Sanssh's own Poly1305 over 32 KiB (two blocks per step). */
    @Benchmark
    public byte sansshPoly1305() {
        io.sanssh.engine.transport.packet.Poly1305.mac(polyKey, 0, in, 0, LENGTH, tag, 0);
        return tag[0];
    }

    /** The JDK's HMAC-SHA-256 over 32 KiB. */
    @Benchmark
    public byte jdkHmacSha256() throws Exception {
        hmac.update(in, 0, LENGTH);
        hmac.doFinal(tag, 0);
        return tag[0];
    }
}
