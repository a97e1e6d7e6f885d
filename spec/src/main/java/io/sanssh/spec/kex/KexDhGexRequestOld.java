package io.sanssh.spec.kex;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_KEX_DH_GEX_REQUEST_OLD} (RFC 4419 §5): the original request, with only the
 * preferred size. Kept for old clients (RFC 4419 §5 calls it for backward compatibility); a server
 * may refuse it, and this library never sends it.
 *
 * @param n preferred group size in bits, uint32
 */
public record KexDhGexRequestOld(long n) implements SshMessage {
    /** Requires {@code n} to fit a uint32. */
    public KexDhGexRequestOld {
        FieldChecks.uint32(n, "n");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.KEX_DH_GEX_REQUEST_OLD;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeUint32(n);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static KexDhGexRequestOld readBody(SshReader r) {
        return new KexDhGexRequestOld(r.readUint32());
    }
}
