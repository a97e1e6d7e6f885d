package io.sanssh.drivers.sim.sftp;

import io.sanssh.spec.sftp.SftpCodec;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpFrameReader;
import io.sanssh.spec.sftp.SftpHandleRequest;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.sftp.SftpRequest;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * An observer of the SFTP bytes that really crossed a channel, independent of the client session:
 * it decodes the requests the client wrote and the replies that came back, and keeps which WRITEs
 * are still without a STATUS OK. A test asks it, at the moment a transfer reports completion,
 * whether the server really acknowledged everything.
 */
public final class SftpWireTap {
    private final SftpFrameReader requests = new SftpFrameReader(Integer.MAX_VALUE);
    private final SftpFrameReader replies = new SftpFrameReader(Integer.MAX_VALUE);
    /** Data length of each WRITE sent and not yet answered, by id. */
    private final Map<Integer, Integer> writesAwaitingOk = new HashMap<>();
    private long writesSent;
    private long writeBytesSent;
    private long writesOk;
    private long writeBytesOk;
    private long writesRefused;

    /** Bytes the client wrote into the channel. */
    void toServer(ByteBuffer bytes) {
        requests.receive(bytes);
        for (byte[] body = requests.poll(); body != null; body = requests.poll()) {
            SftpRequest r = SftpCodec.decodeRequest(body);
            if (r instanceof SftpHandleRequest.Write w) {
                writesAwaitingOk.put(w.id(), w.data().length());
                writesSent++;
                writeBytesSent += w.data().length();
            }
        }
    }

    /** Bytes the server's channel data brought, before the session reads them. */
    void fromServer(ByteBuffer bytes) {
        replies.receive(bytes);
        for (byte[] body = replies.poll(); body != null; body = replies.poll()) {
            SftpReply r = SftpCodec.decodeReply(body);
            Integer len = r instanceof SftpReply.Status s ? writesAwaitingOk.remove(s.id()) : null;
            if (len != null) {
                if (((SftpReply.Status) r).code() == SftpConstants.SSH_FX_OK) {
                    writesOk++;
                    writeBytesOk += len;
                } else {
                    writesRefused++;
                }
            }
        }
    }

    /** WRITEs sent and not yet answered. */
    public int writesUnanswered() {
        return writesAwaitingOk.size();
    }

    /** WRITEs that left the client. */
    public long writesSent() {
        return writesSent;
    }

    /** Data bytes carried by the WRITEs that left. */
    public long writeBytesSent() {
        return writeBytesSent;
    }

    /** WRITEs answered with STATUS OK. */
    public long writesOk() {
        return writesOk;
    }

    /** Data bytes of the WRITEs answered with STATUS OK. */
    public long writeBytesOk() {
        return writeBytesOk;
    }

    /** WRITEs answered with another status. */
    public long writesRefused() {
        return writesRefused;
    }
}
