package io.sanssh.spec.kex;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;

/**
 * {@code SSH_MSG_KEX_DH_GEX_GROUP} (RFC 4419 §3): the group the server chose, a safe prime
 * {@code p} and generator {@code g}. The client then checks the size against its request and
 * sends {@link KexDhGexInit}.
 *
 * @param p the safe prime modulus, positive, at most 16384 bits
 * @param g the generator of a subgroup of GF(p), positive
 */
public record KexDhGexGroup(BigInteger p, BigInteger g) implements SshMessage {
    /** Requires both numbers positive and at most 16384 bits. */
    public KexDhGexGroup {
        KexChecks.dhNumber(p, "p");
        KexChecks.dhNumber(g, "g");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.KEX_DH_GEX_GROUP;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeMpint(p).writeMpint(g);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static KexDhGexGroup readBody(SshReader r) {
        return new KexDhGexGroup(KexChecks.readDhNumber(r, "p"), KexChecks.readDhNumber(r, "g"));
    }
}
