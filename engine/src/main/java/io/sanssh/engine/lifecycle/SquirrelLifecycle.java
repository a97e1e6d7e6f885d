package io.sanssh.engine.lifecycle;

import org.squirrelframework.foundation.fsm.StateMachineBuilder;
import org.squirrelframework.foundation.fsm.StateMachineBuilderFactory;
import org.squirrelframework.foundation.fsm.impl.AbstractStateMachine;

/**
 * What every lifecycle wrapper ({@link ConnectionPhase}, the channel and SFTP lifecycles) shares:
 * one started squirrel-foundation machine made from a transition table that the subclass builds
 * once per JVM, read through {@link #current()} and moved through {@link #fire}. Subclasses add
 * only their states, triggers, table and queries (DESIGN.md, "State machines").
 *
 * @param <M> the squirrel machine type (public, with a no-arg constructor: squirrel makes it)
 * @param <S> the states
 * @param <T> the triggers
 */
public abstract class SquirrelLifecycle<M extends AbstractStateMachine<M, S, T, Void>,
        S extends Enum<S>, T extends Enum<T>> {
    private final M machine;

    /** Makes and starts a machine from {@code table} in {@code initial}. */
    protected SquirrelLifecycle(StateMachineBuilder<M, S, T, Void> table, S initial) {
        machine = table.newStateMachine(initial);
        machine.start();
    }

    /**
     * An empty transition table for a subclass to fill once, in a static initialiser: a builder is
     * immutable once it made a machine, and making one from a warm builder costs microseconds.
     */
    protected static <M extends AbstractStateMachine<M, S, T, Void>, S extends Enum<S>, T extends Enum<T>>
            StateMachineBuilder<M, S, T, Void> emptyTable(Class<M> machine, Class<S> states, Class<T> triggers) {
        return StateMachineBuilderFactory.create(machine, states, triggers, Void.class);
    }

    /** The current state. */
    public S current() {
        return machine.getCurrentState();
    }

    /**
     * Moves the machine. Returns false, leaving it unchanged, when the table has no such
     * transition from the current state: the caller turns that into a protocol error (peer) or an
     * {@link IllegalStateException} (application).
     */
    public boolean fire(T trigger) {
        if (!machine.canAccept(trigger)) {
            return false;
        }
        machine.fire(trigger);
        return true;
    }

    /** The underlying machine, for export as a DOT diagram. */
    public M machine() {
        return machine;
    }
}
