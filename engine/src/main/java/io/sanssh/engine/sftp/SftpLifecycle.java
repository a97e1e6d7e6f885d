package io.sanssh.engine.sftp;

import io.sanssh.engine.lifecycle.SquirrelLifecycle;
import org.squirrelframework.foundation.fsm.StateMachineBuilder;
import org.squirrelframework.foundation.fsm.impl.AbstractStateMachine;

/**
 * The lifecycle of one SFTP session, client or server side, as a squirrel-foundation machine.
 * Fired only when the session's lifecycle changes, never per request (DESIGN.md, "State
 * machines"): individual requests and replies are counted in tables, not fired.
 *
 * <pre>
 *   INIT    --HELLO-->   READY     (client: VERSION received; server: INIT received and answered)
 *   INIT    --CLOSE-->   CLOSED    (closed before the hello: nothing can be outstanding)
 *   READY   --CLOSE-->   CLOSING   (the application closes; outstanding requests still finish)
 *   CLOSING --DRAINED--> CLOSED    (the last outstanding request was answered)
 *   INIT, READY, CLOSING --END--> CLOSED  (the channel ended, or a protocol error ended the session)
 * </pre>
 *
 * Everything else is declined: {@link #fire} returns false and the session turns that into a
 * protocol error (a second VERSION or INIT, a reply after the end) or an
 * {@link IllegalStateException} (an application call in the wrong state).
 */
public final class SftpLifecycle extends SquirrelLifecycle<SftpLifecycle.Machine, SftpLifecycle.State, SftpLifecycle.Trigger> {
    /** Where a session is. */
    public enum State {
        /** Client: INIT sent, VERSION awaited. Server: INIT awaited. No other request may flow. */
        INIT,
        /** Requests and replies flow. */
        READY,
        /** Client only: no new requests; those outstanding still get their replies. */
        CLOSING,
        /** Over; the channel may close. Output already queued may still be drained. */
        CLOSED
    }

    /** What moves it. */
    public enum Trigger {
        HELLO,
        CLOSE,
        DRAINED,
        END
    }

    /** The squirrel machine type; squirrel instantiates it, so it must be public with a no-arg constructor. */
    public static final class Machine extends AbstractStateMachine<Machine, State, Trigger, Void> {
    }

    /** The transition table, built once per JVM (a builder is immutable once it made a machine). */
    private static final StateMachineBuilder<Machine, State, Trigger, Void> BUILDER = table();

    private static StateMachineBuilder<Machine, State, Trigger, Void> table() {
        StateMachineBuilder<Machine, State, Trigger, Void> b =
                emptyTable(Machine.class, State.class, Trigger.class);
        b.externalTransition().from(State.INIT).to(State.READY).on(Trigger.HELLO);
        b.externalTransition().from(State.INIT).to(State.CLOSED).on(Trigger.CLOSE);
        b.externalTransition().from(State.READY).to(State.CLOSING).on(Trigger.CLOSE);
        b.externalTransition().from(State.CLOSING).to(State.CLOSED).on(Trigger.DRAINED);
        for (State s : new State[] {State.INIT, State.READY, State.CLOSING}) {
            b.externalTransition().from(s).to(State.CLOSED).on(Trigger.END);
        }
        return b;
    }

    /** A new machine in {@link State#INIT}. */
    public SftpLifecycle() {
        super(BUILDER, State.INIT);
    }

    /** Whether the session reached {@link State#CLOSED}. */
    public boolean isClosed() {
        return current() == State.CLOSED;
    }
}
