package io.sanssh.drivers.sim.sftp;

import io.sanssh.engine.sftp.SftpFailure;
import io.sanssh.engine.sftp.TransferListener;
import java.util.ArrayList;
import java.util.List;

/**
 * A transfer listener that checks, at the moment each report is made, that the report is true:
 * {@code onProgress} and {@code onCompleted} run their checks inside the engine call that made
 * the report, before anything else can happen. It also records that completion and failure are
 * each reported at most once, and never both.
 */
public class TransferWitness implements TransferListener {
    private final List<String> reports = new ArrayList<>();
    private long completedBytes = -1;
    private SftpFailure failure;

    /** Whether {@link #completed} was reported. */
    public final boolean isCompleted() {
        return completedBytes >= 0;
    }

    /** The bytes reported at completion, or -1. */
    public final long completedBytes() {
        return completedBytes;
    }

    /** The failure reported, or null. */
    public final SftpFailure failure() {
        return failure;
    }

    @Override
    public final void progress(long bytesDone, long expectedTotal) {
        onProgress(bytesDone);
    }

    @Override
    public final void completed(long bytesDone) {
        reports.add("completed " + bytesDone);
        if (completedBytes >= 0 || failure != null) {
            throw new AssertionError("completion reported after " + reports);
        }
        completedBytes = bytesDone;
        onCompleted(bytesDone);
    }

    @Override
    public final void failed(SftpFailure f) {
        reports.add("failed " + f.describe());
        if (completedBytes >= 0 || failure != null) {
            throw new AssertionError("failure reported after " + reports);
        }
        failure = f;
    }

    /** Checks a progress report; the default checks nothing. */
    protected void onProgress(long bytesDone) {
    }

    /** Checks a completion report; the default checks nothing. */
    protected void onCompleted(long bytesDone) {
    }
}
