package io.sanssh.engine.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.channel.ChannelLifecycle.State;
import io.sanssh.engine.channel.ChannelLifecycle.Trigger;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The channel lifecycle table: every legal transition, and every other one declined without a change. */
class ChannelLifecycleMachineTest {
    private static final Map<State, Map<Trigger, State>> TABLE = Map.of(
            State.OPENING, Map.of(Trigger.CONFIRMED, State.OPEN, Trigger.OPEN_FAILED, State.CLOSED),
            State.ACCEPTING, Map.of(Trigger.ACCEPTED, State.OPEN, Trigger.REJECTED, State.CLOSED),
            State.OPEN, Map.of(Trigger.LOCAL_CLOSE, State.CLOSE_SENT, Trigger.PEER_CLOSE, State.CLOSED),
            State.CLOSE_SENT, Map.of(Trigger.PEER_CLOSE, State.CLOSED),
            State.CLOSED, Map.of());

    /** A machine driven into {@code target} along legal transitions. */
    private static ChannelLifecycle at(State target) {
        return switch (target) {
            case OPENING -> new ChannelLifecycle(State.OPENING);
            case ACCEPTING -> new ChannelLifecycle(State.ACCEPTING);
            case OPEN -> fired(new ChannelLifecycle(State.OPENING), Trigger.CONFIRMED);
            case CLOSE_SENT -> fired(at(State.OPEN), Trigger.LOCAL_CLOSE);
            case CLOSED -> fired(at(State.CLOSE_SENT), Trigger.PEER_CLOSE);
        };
    }

    private static ChannelLifecycle fired(ChannelLifecycle m, Trigger t) {
        assertTrue(m.fire(t));
        return m;
    }

    @Test
    void everyStateAcceptsExactlyItsTransitions() {
        for (State from : State.values()) {
            Map<Trigger, State> legal = TABLE.get(from);
            for (Trigger t : Trigger.values()) {
                ChannelLifecycle m = at(from);
                boolean accepted = m.fire(t);
                assertEquals(legal.containsKey(t), accepted, from + " on " + t);
                assertEquals(accepted ? legal.get(t) : from, m.current(), from + " on " + t);
            }
        }
    }

    @Test
    void closeOnceAndNothingLeavesClosed() {
        ChannelLifecycle m = at(State.CLOSE_SENT);
        assertFalse(m.fire(Trigger.LOCAL_CLOSE), "CLOSE once");
        Set<State> reachable = EnumSet.noneOf(State.class);
        for (State s : State.values()) {
            reachable.addAll(TABLE.get(s).values());
        }
        assertTrue(reachable.contains(State.CLOSED));
        assertTrue(TABLE.get(State.CLOSED).isEmpty());
    }

    @Test
    void aChannelStartsOpeningOrAccepting() {
        assertThrows(IllegalArgumentException.class, () -> new ChannelLifecycle(State.OPEN));
    }
}
