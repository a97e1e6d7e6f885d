package io.sanssh.engine.channel;

import io.sanssh.engine.lifecycle.SquirrelLifecycle;
import org.squirrelframework.foundation.fsm.StateMachineBuilder;
import org.squirrelframework.foundation.fsm.impl.AbstractStateMachine;

/**
 * The lifecycle of one channel (RFC 4254 §5.1, §5.3) as a squirrel-foundation machine. It is fired
 * only when the lifecycle changes (open confirmed or refused, CLOSE sent or received), never per
 * packet: data, window adjusts and EOF are flags and counters on {@link Channel} (DESIGN.md, "State
 * machines").
 *
 * <pre>
 *   OPENING   --CONFIRMED--> OPEN          (we sent CHANNEL_OPEN; the peer confirmed)
 *   OPENING   --OPEN_FAILED--> CLOSED      (the peer sent CHANNEL_OPEN_FAILURE)
 *   ACCEPTING --ACCEPTED--> OPEN           (the peer sent CHANNEL_OPEN; our application accepted)
 *   ACCEPTING --REJECTED--> CLOSED         (our application, or the layer itself, refused)
 *   OPEN      --LOCAL_CLOSE--> CLOSE_SENT  (we sent CHANNEL_CLOSE first)
 *   OPEN      --PEER_CLOSE--> CLOSED       (the peer sent CHANNEL_CLOSE first; we echo ours)
 *   CLOSE_SENT --PEER_CLOSE--> CLOSED      (the peer answered our CHANNEL_CLOSE)
 * </pre>
 *
 * In CLOSED both sides have sent and received CHANNEL_CLOSE (or the channel never opened), so its
 * number may be reused (RFC 4254 §5.3). Anything the table lacks is refused: {@link #fire} returns
 * false, and the layer turns that into PROTOCOL_ERROR for a peer's message or
 * {@link IllegalStateException} for an application call.
 */
public final class ChannelLifecycle extends SquirrelLifecycle<ChannelLifecycle.Machine, ChannelLifecycle.State, ChannelLifecycle.Trigger> {
    /** Where a channel is. */
    public enum State {
        /** We sent CHANNEL_OPEN and wait for the confirmation or the failure. */
        OPENING,
        /** The peer sent CHANNEL_OPEN and waits for our application's decision. */
        ACCEPTING,
        /** Both numbers are known; data and requests flow (subject to the EOF flags). */
        OPEN,
        /** We sent CHANNEL_CLOSE and wait for the peer's. */
        CLOSE_SENT,
        /** Done; the number is free. */
        CLOSED
    }

    /** What moves it. */
    public enum Trigger {
        CONFIRMED,
        OPEN_FAILED,
        ACCEPTED,
        REJECTED,
        LOCAL_CLOSE,
        PEER_CLOSE
    }

    /** The squirrel machine type; squirrel instantiates it, so it must be public with a no-arg constructor. */
    public static final class Machine extends AbstractStateMachine<Machine, State, Trigger, Void> {
    }

    /** The transition table, built once per JVM (a builder is immutable once it made a machine). */
    private static final StateMachineBuilder<Machine, State, Trigger, Void> BUILDER = table();

    private static StateMachineBuilder<Machine, State, Trigger, Void> table() {
        StateMachineBuilder<Machine, State, Trigger, Void> b =
                emptyTable(Machine.class, State.class, Trigger.class);
        b.externalTransition().from(State.OPENING).to(State.OPEN).on(Trigger.CONFIRMED);
        b.externalTransition().from(State.OPENING).to(State.CLOSED).on(Trigger.OPEN_FAILED);
        b.externalTransition().from(State.ACCEPTING).to(State.OPEN).on(Trigger.ACCEPTED);
        b.externalTransition().from(State.ACCEPTING).to(State.CLOSED).on(Trigger.REJECTED);
        b.externalTransition().from(State.OPEN).to(State.CLOSE_SENT).on(Trigger.LOCAL_CLOSE);
        b.externalTransition().from(State.OPEN).to(State.CLOSED).on(Trigger.PEER_CLOSE);
        b.externalTransition().from(State.CLOSE_SENT).to(State.CLOSED).on(Trigger.PEER_CLOSE);
        return b;
    }

    /** A new machine in {@code initial}: {@link State#OPENING} or {@link State#ACCEPTING}. */
    public ChannelLifecycle(State initial) {
        super(BUILDER, startable(initial));
    }

    private static State startable(State initial) {
        if (initial != State.OPENING && initial != State.ACCEPTING) {
            throw new IllegalArgumentException("a channel starts OPENING or ACCEPTING, not " + initial);
        }
        return initial;
    }
}
