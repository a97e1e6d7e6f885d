package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpRequest;
import io.sanssh.spec.wire.Bytes;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * What {@link Download} and {@link Upload} share: a machine over a {@link SftpClientSession} that
 * opens a handle (or is given one), learns the server's limits, moves the bytes, and closes the
 * handle it opened.
 *
 * <pre>
 *   OPENING --HANDLE--> PREPARING --limits/size known--> TRANSFERRING --all bytes done--> CLOSING --OK--> COMPLETED
 *   (any but COMPLETED) --a request failed, the session ended, the sink or source failed--> FAILED
 * </pre>
 *
 * <p>Honest completion: COMPLETED is reached only when the server answered every request of the
 * transfer with success, including the CLOSE of a handle the transfer opened; bytes are counted
 * only once done (in the sink, or acknowledged by the server). A failure names the request, the
 * server's status code and message ({@link SftpFailure}); after one the transfer lets its
 * outstanding requests drain and then closes its handle, without reporting anything more.
 *
 * <p>The session pumps its transfers after every batch of replies, so nothing needs to be called
 * to keep one going, except {@link Upload#resume()} after its source had no bytes.
 */
public abstract sealed class SftpTransfer permits Download, Upload {
    /** Where a transfer is. */
    public enum State {
        OPENING, PREPARING, TRANSFERRING, CLOSING, COMPLETED, FAILED
    }

    private record Deferred(IntFunction<SftpRequest> factory, SftpCompletionHandler handler) {
    }

    final SftpClientSession session;
    final TransferOptions options;
    final TransferListener listener;
    private final ArrayDeque<Deferred> deferred = new ArrayDeque<>();
    private final SessionParticipant participant = new SessionParticipant() {
        @Override
        public void pump() {
            SftpTransfer.this.pump();
        }

        @Override
        public void sessionEnded(String reason) {
            SftpTransfer.this.sessionEnded(reason);
        }
    };
    State state = State.OPENING;
    Bytes handle;
    private boolean ownsHandle;
    private int outstanding;
    private SftpFailure failure;
    private boolean cleanupDone;
    private SftpRequest lastRequest;

    SftpTransfer(SftpClientSession session, TransferOptions options, TransferListener listener) {
        this.session = Objects.requireNonNull(session, "session");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = listener == null ? TransferListener.NONE : listener;
        if (!session.isReady()) {
            throw new IllegalStateException("the SFTP session is " + session.state() + ", not READY");
        }
    }

    /** Where the transfer is. */
    public State state() {
        return state;
    }

    /** Whether the transfer is over, completed or failed. */
    public boolean isDone() {
        return state == State.COMPLETED || state == State.FAILED;
    }

    /** Whether every byte is done and the server confirmed every request. */
    public boolean isCompleted() {
        return state == State.COMPLETED;
    }

    /** Why the transfer failed; empty unless {@link State#FAILED}. */
    public Optional<SftpFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** The remote handle, once open (or as given). */
    public Optional<Bytes> handle() {
        return Optional.ofNullable(handle);
    }

    /** Bytes done so far: in the sink (download) or acknowledged by the server (upload). */
    public abstract long bytesTransferred();

    /** Starts by opening {@code openRequest}'s file, or with {@code givenHandle} when it is not null. */
    void begin(IntFunction<SftpRequest> openRequest, Bytes givenHandle) {
        session.attach(participant);
        if (givenHandle != null) {
            handle = givenHandle;
            prepare();
        } else {
            send(openRequest, c -> {
                if (!c.succeeded()) {
                    fail(c.failure());
                    return;
                }
                handle = ((SftpCompletion.Succeeded) c).handle();
                ownsHandle = true;
                if (state == State.OPENING) {
                    prepare();
                }
            });
        }
    }

    /** PREPARING: ask the server's limits when it offers them and they are not known; then {@link #prepared()}. */
    private void prepare() {
        state = State.PREPARING;
        if (session.offers(SftpConstants.EXT_LIMITS) && session.serverLimits().isEmpty()) {
            // the session records the answer; a refusal only means default sizes
            send(SftpRequests.limits(), c -> {
                if (!c.succeeded() && !c.failure().fromServer()) {
                    fail(c.failure());
                } else if (state == State.PREPARING) {
                    prepared();
                }
            });
        } else {
            prepared();
        }
    }

    /** The limits are known (or will not be): prepare the transfer proper, then call {@link #transferring()}. */
    abstract void prepared();

    /** Enters TRANSFERRING. */
    void transferring() {
        state = State.TRANSFERRING;
        fill();
    }

    /** Sends what can be sent now; called on every pump while TRANSFERRING. */
    abstract void fill();

    /** The request the transfer would send next, to name in a failure when nothing was sent yet. */
    abstract IntFunction<SftpRequest> nextRequest();

    /** All bytes are done: close the handle if the transfer opened it, then complete. */
    void finish() {
        state = State.CLOSING;
        if (!ownsHandle) {
            complete();
            return;
        }
        send(SftpRequests.close(handle), c -> {
            if (state != State.CLOSING) {
                return;
            }
            ownsHandle = false;
            if (c.succeeded()) {
                complete();
            } else {
                fail(c.failure());
            }
        });
    }

    private void complete() {
        state = State.COMPLETED;
        session.detach(participant);
        listener.completed(bytesTransferred());
    }

    /** Fails the transfer with {@code why} unless it is already over. */
    void fail(SftpFailure why) {
        if (isDone()) {
            return;
        }
        state = State.FAILED;
        failure = why;
        deferred.clear();
        listener.failed(why);
        cleanup();
    }

    /** Fails with a failure the client decided, naming {@code request}. */
    void failLocally(int requestId, SftpRequest request, int code, String message) {
        fail(SftpFailure.local(requestId, request, code, message));
    }

    /**
     * Sends a request of this transfer, now or as soon as the session has capacity; its completion
     * goes to {@code handler}, after which an over transfer cleans up.
     */
    void send(IntFunction<SftpRequest> factory, SftpCompletionHandler handler) {
        if (!deferred.isEmpty() || !trySend(factory, handler)) {
            deferred.add(new Deferred(factory, handler));
        }
    }

    /** Sends now if the session has capacity; false if it has none. */
    boolean trySend(IntFunction<SftpRequest> factory, SftpCompletionHandler handler) {
        return trySend(factory, handler, session::send);
    }

    /**
     * As {@link #trySend} for a packet already encoded ({@link SftpClientSession#sendEncoded});
     * {@code describe} builds the request it stands for.
     */
    boolean trySendEncoded(IntFunction<SftpRequest> describe, byte[] packet, SftpCompletionHandler handler) {
        return trySend(describe, handler, (f, h) -> session.sendEncoded(f, packet, h));
    }

    /** How a request reaches the session: returns its id or {@link SftpClientSession#NO_CAPACITY}. */
    private interface Sender {
        int send(IntFunction<SftpRequest> factory, SftpCompletionHandler handler);
    }

    private boolean trySend(IntFunction<SftpRequest> factory, SftpCompletionHandler handler, Sender sender) {
        if (!session.isReady() || session.capacity() == 0) {
            return false;
        }
        outstanding++;
        int id = sender.send(id1 -> {
            SftpRequest r = factory.apply(id1);
            lastRequest = r;
            return r;
        }, c -> {
            outstanding--;
            handler.completed(c);
            if (isDone()) {
                cleanup();
            }
        });
        if (id == SftpClientSession.NO_CAPACITY) {
            outstanding--;
            return false;
        }
        return true;
    }

    /** Whether the session can take a request of this transfer now. */
    boolean canSend() {
        return deferred.isEmpty() && session.isReady() && session.capacity() > 0;
    }

    private void pump() {
        if (isDone()) {
            cleanup();
            return;
        }
        while (!deferred.isEmpty() && session.isReady() && session.capacity() > 0) {
            Deferred d = deferred.poll();
            if (!trySend(d.factory(), d.handler())) {
                deferred.addFirst(d);
                break;
            }
        }
        if (state == State.TRANSFERRING) {
            fill();
        }
    }

    private void sessionEnded(String reason) {
        if (!isDone()) {
            SftpRequest named = lastRequest;
            if (named == null) {
                named = deferred.isEmpty() ? nextRequest().apply(0) : deferred.peek().factory().apply(0);
            }
            fail(SftpFailure.local(0, named, SftpConstants.SSH_FX_CONNECTION_LOST,
                    "the SFTP session stopped before the transfer finished (" + reason + "); last request: "
                            + SftpFailure.describeRequest(0, named)));
        }
        cleanup();
    }

    /**
     * After a failure: once nothing is outstanding, close the handle this transfer opened (as
     * soon as the session has capacity), then let go of the session.
     */
    private void cleanup() {
        if (cleanupDone || outstanding > 0) {
            return;
        }
        if (ownsHandle && session.isReady()) {
            if (trySend(SftpRequests.close(handle), c -> { })) {
                ownsHandle = false;
            }
            return;
        }
        cleanupDone = true;
        session.detach(participant);
    }
}
