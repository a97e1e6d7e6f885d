package io.sanssh.engine.sftp;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The far end of a client session in a test: a server session in memory, or a real server
 * process over pipes. {@link ClientPump} moves bytes between it and the client.
 */
public interface SftpTestPeer {
    /** Hands the peer bytes the client produced. */
    void toServer(ByteBuffer bytes) throws IOException;

    /**
     * Bytes the peer produced since the last call, possibly none; may wait up to
     * {@code waitMillis} for some when the peer runs elsewhere.
     */
    ByteBuffer fromServer(long waitMillis) throws IOException;

    /** Whether the peer is gone (process exited, connection cut) and has nothing more to give. */
    boolean ended();
}
