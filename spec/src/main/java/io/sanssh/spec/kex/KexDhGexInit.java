package io.sanssh.spec.kex;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;

/**
 * {@code SSH_MSG_KEX_DH_GEX_INIT} (RFC 4419 §3): the client's public value e = g^x mod p in the
 * group from {@link KexDhGexGroup}.
 *
 * @param e the client's public value, positive; the engine checks e &lt; p - 1
 */
public record KexDhGexInit(BigInteger e) implements SshMessage {
    /** Requires e positive and at most 16384 bits. */
    public KexDhGexInit {
        KexChecks.dhNumber(e, "e");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.KEX_DH_GEX_INIT;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeMpint(e);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static KexDhGexInit readBody(SshReader r) {
        return new KexDhGexInit(KexChecks.readDhNumber(r, "e"));
    }
}
