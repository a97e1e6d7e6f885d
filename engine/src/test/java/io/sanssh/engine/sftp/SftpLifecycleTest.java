package io.sanssh.engine.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.sftp.SftpLifecycle.State;
import io.sanssh.engine.sftp.SftpLifecycle.Trigger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SFTP session lifecycle table: every legal move, and every other one declined. */
class SftpLifecycleTest {
    /** The table as the class documents it: from state, on trigger, to state. */
    private static final Map<State, Map<Trigger, State>> TABLE = new EnumMap<>(State.class);

    static {
        for (State s : State.values()) {
            TABLE.put(s, new EnumMap<>(Trigger.class));
        }
        TABLE.get(State.INIT).put(Trigger.HELLO, State.READY);
        TABLE.get(State.INIT).put(Trigger.CLOSE, State.CLOSED);
        TABLE.get(State.INIT).put(Trigger.END, State.CLOSED);
        TABLE.get(State.READY).put(Trigger.CLOSE, State.CLOSING);
        TABLE.get(State.READY).put(Trigger.END, State.CLOSED);
        TABLE.get(State.CLOSING).put(Trigger.DRAINED, State.CLOSED);
        TABLE.get(State.CLOSING).put(Trigger.END, State.CLOSED);
    }

    /** A machine driven into {@code target} along legal moves. */
    private static SftpLifecycle in(State target) {
        SftpLifecycle m = new SftpLifecycle();
        List<Trigger> path = switch (target) {
            case INIT -> List.of();
            case READY -> List.of(Trigger.HELLO);
            case CLOSING -> List.of(Trigger.HELLO, Trigger.CLOSE);
            case CLOSED -> List.of(Trigger.END);
        };
        path.forEach(t -> assertTrue(m.fire(t)));
        assertEquals(target, m.current());
        return m;
    }

    @Test
    void everyStateAndTriggerFollowsTheTable() {
        for (State from : State.values()) {
            for (Trigger t : Trigger.values()) {
                SftpLifecycle m = in(from);
                State expected = TABLE.get(from).get(t);
                if (expected == null) {
                    assertFalse(m.fire(t), from + " must decline " + t);
                    assertEquals(from, m.current(), "a declined trigger leaves the state alone");
                } else {
                    assertTrue(m.fire(t), from + " must accept " + t);
                    assertEquals(expected, m.current());
                }
            }
        }
    }

    @Test
    void closedIsFinal() {
        SftpLifecycle m = in(State.CLOSED);
        assertTrue(m.isClosed());
        for (Trigger t : Trigger.values()) {
            assertFalse(m.fire(t));
        }
    }
}
