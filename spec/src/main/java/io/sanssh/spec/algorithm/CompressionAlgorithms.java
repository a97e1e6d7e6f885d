package io.sanssh.spec.algorithm;

/**
 * Compression algorithm names, as used in the {@code compression_algorithms_*} name-lists of
 * {@code SSH_MSG_KEXINIT} (RFC 4253 §6.2, §7.1) and in the {@code delay-compression} extension
 * (RFC 8308 §3.2).
 */
public final class CompressionAlgorithms {
    private CompressionAlgorithms() {
    }

    /** No compression (RFC 4253 §6.2). */
    public static final String NONE = "none";

    /**
     * zlib, started only after user authentication succeeds (OpenSSH PROTOCOL §1.2): keeps the
     * decompressor away from unauthenticated peers.
     */
    public static final String ZLIB_OPENSSH = "zlib@openssh.com";

    /** zlib from the first NEWKEYS on (RFC 4253 §6.2). */
    public static final String ZLIB = "zlib";
}
