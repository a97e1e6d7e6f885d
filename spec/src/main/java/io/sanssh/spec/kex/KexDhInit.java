package io.sanssh.spec.kex;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;

/**
 * {@code SSH_MSG_KEXDH_INIT} (RFC 4253 §8): the client's public value e = g^x mod p for a
 * fixed-group method ({@link KexFamily#DH}).
 *
 * @param e the client's public value, positive; the engine checks e &lt; p - 1
 */
public record KexDhInit(BigInteger e) implements SshMessage {
    /** Requires e to be positive and at most 16384 bits. */
    public KexDhInit {
        KexChecks.dhNumber(e, "e");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.KEXDH_INIT;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeMpint(e);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static KexDhInit readBody(SshReader r) {
        return new KexDhInit(KexChecks.readDhNumber(r, "e"));
    }
}
