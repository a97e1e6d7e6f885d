package io.sanssh.engine.sftp;

/**
 * Hears how a transfer goes, on the engine thread, inside the session call that made the
 * progress. Every method has an empty default, so a listener implements only what it needs.
 */
public interface TransferListener {
    /** A listener that ignores everything. */
    TransferListener NONE = new TransferListener() {
    };

    /**
     * More bytes are done: for a download, handed to the sink; for an upload, acknowledged by the
     * server with STATUS OK. {@code expectedTotal} is the size the transfer expects, or -1 when
     * unknown; it is a hint (a file may change while it is read).
     */
    default void progress(long bytesDone, long expectedTotal) {
    }

    /** The transfer completed: every byte is done and the handle, if the transfer opened it, closed with OK. */
    default void completed(long bytesDone) {
    }

    /** The transfer failed; it will never complete. Called once. */
    default void failed(SftpFailure failure) {
    }
}
