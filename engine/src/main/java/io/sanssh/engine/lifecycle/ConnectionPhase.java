package io.sanssh.engine.lifecycle;

import org.squirrelframework.foundation.fsm.StateMachineBuilder;
import org.squirrelframework.foundation.fsm.impl.AbstractStateMachine;

/**
 * The connection's lifecycle as a squirrel-foundation machine: version exchange, the first key
 * exchange, user authentication, then open; a rekey is a sub-state of the last two. Fired only on
 * phase changes, never per packet (DESIGN.md, "State machines").
 *
 * <pre>
 *   VERSION_EXCHANGE --VERSION_RECEIVED--> INITIAL_KEX --KEX_DONE--> AUTHENTICATING --AUTHENTICATED--> OPEN
 *   AUTHENTICATING   --KEX_STARTED--> AUTHENTICATING_REKEY --KEX_DONE--> AUTHENTICATING
 *   AUTHENTICATING_REKEY --AUTHENTICATED--> OPEN_REKEY
 *   OPEN             --KEX_STARTED--> OPEN_REKEY --KEX_DONE--> OPEN
 *   (any)            --CLOSE--> CLOSED
 * </pre>
 *
 * The names of states and events are the names of the TLA+ actions they correspond to.
 */
public final class ConnectionPhase extends SquirrelLifecycle<ConnectionPhase.Machine, ConnectionPhase.Phase, ConnectionPhase.Trigger> {
    /** Where the connection is. */
    public enum Phase {
        VERSION_EXCHANGE,
        INITIAL_KEX,
        AUTHENTICATING,
        AUTHENTICATING_REKEY,
        OPEN,
        OPEN_REKEY,
        CLOSED
    }

    /** What moves it. */
    public enum Trigger {
        VERSION_RECEIVED,
        KEX_STARTED,
        KEX_DONE,
        AUTHENTICATED,
        CLOSE
    }

    /** The squirrel machine type; squirrel instantiates it, so it must be public with a no-arg constructor. */
    public static final class Machine extends AbstractStateMachine<Machine, Phase, Trigger, Void> {
    }

    /**
     * The transition table. Built once per JVM: a builder is immutable once it made a machine, and
     * making one from a warm builder costs microseconds, not milliseconds.
     */
    private static final StateMachineBuilder<Machine, Phase, Trigger, Void> BUILDER = table();

    private static StateMachineBuilder<Machine, Phase, Trigger, Void> table() {
        StateMachineBuilder<Machine, Phase, Trigger, Void> b =
                emptyTable(Machine.class, Phase.class, Trigger.class);
        b.externalTransition().from(Phase.VERSION_EXCHANGE).to(Phase.INITIAL_KEX).on(Trigger.VERSION_RECEIVED);
        b.externalTransition().from(Phase.INITIAL_KEX).to(Phase.AUTHENTICATING).on(Trigger.KEX_DONE);
        b.externalTransition().from(Phase.AUTHENTICATING).to(Phase.AUTHENTICATING_REKEY).on(Trigger.KEX_STARTED);
        b.externalTransition().from(Phase.AUTHENTICATING_REKEY).to(Phase.AUTHENTICATING).on(Trigger.KEX_DONE);
        b.externalTransition().from(Phase.AUTHENTICATING).to(Phase.OPEN).on(Trigger.AUTHENTICATED);
        b.externalTransition().from(Phase.AUTHENTICATING_REKEY).to(Phase.OPEN_REKEY).on(Trigger.AUTHENTICATED);
        b.externalTransition().from(Phase.OPEN).to(Phase.OPEN_REKEY).on(Trigger.KEX_STARTED);
        b.externalTransition().from(Phase.OPEN_REKEY).to(Phase.OPEN).on(Trigger.KEX_DONE);
        for (Phase p : Phase.values()) {
            if (p != Phase.CLOSED) {
                b.externalTransition().from(p).to(Phase.CLOSED).on(Trigger.CLOSE);
            }
        }
        return b;
    }

    /** A new machine in {@link Phase#VERSION_EXCHANGE}. */
    public ConnectionPhase() {
        super(BUILDER, Phase.VERSION_EXCHANGE);
    }

    /** Whether a rekey runs (the REKEY sub-states). */
    public boolean rekeying() {
        Phase p = current();
        return p == Phase.AUTHENTICATING_REKEY || p == Phase.OPEN_REKEY;
    }
}
