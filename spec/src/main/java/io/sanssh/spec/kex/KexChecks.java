package io.sanssh.spec.kex;

import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The checks every DH number passes, for local construction ({@link IllegalArgumentException})
 * and for decoding ({@link SshFormatException}), so that both accept the same values.
 */
final class KexChecks {
    private KexChecks() {
    }

    /**
     * The largest DH number accepted, in bits: OpenSSH's limit on any mpint it reads. RFC 4419 §3
     * caps group exchange moduli at 8192 bits; this leaves room while bounding the cost of the
     * modular arithmetic a hostile peer can cause.
     */
    static final int MAX_DH_BITS = 16384;

    /** Whether {@code v} is a DH number we accept: at least 1, at most {@link #MAX_DH_BITS} bits. */
    private static boolean acceptable(BigInteger v) {
        return v.signum() > 0 && v.bitLength() <= MAX_DH_BITS;
    }

    /** Checks a DH number given by the caller (RFC 4253 §8: never send e or f outside [1, p-1]). */
    static BigInteger dhNumber(BigInteger v, String what) {
        Objects.requireNonNull(v, what);
        if (!acceptable(v)) {
            throw new IllegalArgumentException(what + " must be positive and at most " + MAX_DH_BITS + " bits");
        }
        return v;
    }

    /** Reads an mpint and checks it is a DH number we accept; the range [1, p-1] needs p, so the engine checks the top. */
    static BigInteger readDhNumber(SshReader r, String what) {
        BigInteger v = r.readMpint();
        if (!acceptable(v)) {
            throw new SshFormatException(DisconnectReason.KEY_EXCHANGE_FAILED,
                    what + " must be positive and at most " + MAX_DH_BITS + " bits, got " + v.bitLength()
                            + " bits, sign " + v.signum());
        }
        return v;
    }

}
