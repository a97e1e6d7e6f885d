package io.sanssh.bench.crypto;

import io.sanssh.engine.transport.packet.PacketOpener;
import io.sanssh.engine.transport.packet.PacketProtection;
import io.sanssh.engine.transport.packet.PacketReader;
import io.sanssh.engine.transport.packet.PacketSealer;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Seal-then-open throughput of the binary packet protocol for every cipher and MAC, on 32 KiB
 * payloads (the size of SFTP data packets). One {@code sealThenOpen} operation is one packet sealed
 * by a {@link PacketSealer} and read back by a {@link PacketReader}, so MB/s = ops/s x 0.032768
 * counts each payload byte once, through both directions' crypto; {@code seal} is the sending half
 * alone. Padding comes from a default
 * {@link SecureRandom}, as a driver would pass it.
 *
 * <pre>java -jar bench/target/benchmarks.jar 'io.sanssh.bench.crypto.*' -f 1 -wi 2 -i 3 -w 1 -r 1</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PacketProtectionBenchmark {
    static final int PAYLOAD = 32 * 1024;

    /** "cipher" for AEAD ciphers, "cipher+mac" otherwise. */
    @Param({
        "aes128-gcm@openssh.com",
        "aes256-gcm@openssh.com",
        "chacha20-poly1305@openssh.com",
        "aes128-ctr+hmac-sha2-256-etm@openssh.com",
        "aes128-ctr+hmac-sha2-512-etm@openssh.com",
        "aes128-ctr+hmac-sha2-256",
        "aes128-ctr+hmac-sha2-512",
        "aes128-ctr+hmac-sha1-etm@openssh.com",
        "aes128-ctr+hmac-sha1",
        "aes192-ctr+hmac-sha2-256-etm@openssh.com",
        "aes192-ctr+hmac-sha2-512-etm@openssh.com",
        "aes192-ctr+hmac-sha2-256",
        "aes192-ctr+hmac-sha2-512",
        "aes192-ctr+hmac-sha1-etm@openssh.com",
        "aes192-ctr+hmac-sha1",
        "aes256-ctr+hmac-sha2-256-etm@openssh.com",
        "aes256-ctr+hmac-sha2-512-etm@openssh.com",
        "aes256-ctr+hmac-sha2-256",
        "aes256-ctr+hmac-sha2-512",
        "aes256-ctr+hmac-sha1-etm@openssh.com",
        "aes256-ctr+hmac-sha1",
    })
    public String algorithms;

    private PacketSealer sealer;
    private PacketReader reader;
    private byte[] payload;
    private ByteBuffer wire;
    private int sequenceNumber;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = algorithms.split("\\+");
        String cipher = parts[0];
        String mac = parts.length > 1 ? parts[1] : null;
        Random r = new Random(1);
        byte[] key = bytes(r, PacketProtection.keyLength(cipher));
        byte[] iv = bytes(r, PacketProtection.ivLength(cipher));
        byte[] macKey = mac == null ? null : bytes(r, PacketProtection.macKeyLength(mac));
        sealer = PacketProtection.sealer(cipher, mac, key, iv, macKey, new SecureRandom());
        PacketOpener opener = PacketProtection.opener(cipher, mac, key, iv, macKey);
        reader = new PacketReader(256 * 1024 + 4096);
        reader.changeKeys(opener);
        payload = bytes(r, PAYLOAD);
        wire = ByteBuffer.wrap(new byte[sealer.sealedLength(PAYLOAD)]);
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** Seals one 32 KiB packet and reads it back; returns a payload byte so nothing is dead code. */
    @Benchmark
    public byte sealThenOpen() {
        sealer.seal(sequenceNumber++, payload, 0, PAYLOAD, wire.array(), 0);
        wire.clear();
        if (!reader.read(wire)) {
            throw new IllegalStateException("packet not read back");
        }
        return reader.payloadArray()[reader.payloadOffset() + PAYLOAD - 1];
    }

    /** Seals one 32 KiB packet only: the sending half, comparable with TOOLING.md's one-pass figures. */
    @Benchmark
    public byte seal() {
        sealer.seal(sequenceNumber++, payload, 0, PAYLOAD, wire.array(), 0);
        return wire.array()[PAYLOAD];
    }
}
