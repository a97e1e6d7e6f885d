package io.sanssh.modeltests.harness.pair;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sanssh.modeltests.harness.Action;
import io.sanssh.modeltests.harness.ActionSource;
import java.util.SplittableRandom;

/**
 * The actions the harness draws against a {@link PairState}: application verbs on either side,
 * the driver's transmit and deliver of any number of bytes either way, and time. Each runs on the
 * engine pair, then on the model, and compares what both return. Records print as Java, e.g.
 * {@code new Write(0, 1, 20000)}, so a printed failure can be pasted into a replay test.
 */
final class PairActions {
    private PairActions() {
    }

    static final int CLIENT = PairSystem.CLIENT;
    static final int ALL = Integer.MAX_VALUE;
    private static final int MAX_CHANNELS = 4;
    private static final int[] WRITE_SIZES = {1, 700, 5000, 20_000, 70_000};

    /** The client opens a session channel (the server's application accepts it). */
    record Open() implements Action<PairState> {
        @Override
        public boolean enabled(PairState s) {
            return s.model.sides[CLIENT].chans.size() < MAX_CHANNELS;
        }

        @Override
        public void run(PairState s) {
            int k = s.system.open();
            assertEquals(s.model.open(), k, "channel index");
        }

        @Override
        public String toString() {
            return "new Open()";
        }
    }

    /** The application on {@code side} writes {@code n} bytes on channel k: accepted up to credit. */
    record Write(int side, int k, int n) implements Action<PairState> {
        @Override
        public boolean enabled(PairState s) {
            SideModel m = s.model.sides[side];
            return k < m.chans.size() && m.chans.get(k).canSendData();
        }

        @Override
        public void run(PairState s) {
            int got = s.system.write(side, k, n);
            assertEquals(s.model.write(side, k, n), got, PairState.name(side) + ": bytes a write of " + n + " took");
        }

        @Override
        public String toString() {
            return "new Write(" + side + ", " + k + ", " + n + ")";
        }
    }

    /** Half-close: the application on {@code side} sends EOF on channel k. */
    record Eof(int side, int k) implements Action<PairState> {
        @Override
        public boolean enabled(PairState s) {
            SideModel m = s.model.sides[side];
            return k < m.chans.size() && m.chans.get(k).canSendData();
        }

        @Override
        public void run(PairState s) {
            s.system.eof(side, k);
            s.model.eof(side, k);
        }

        @Override
        public String toString() {
            return "new Eof(" + side + ", " + k + ")";
        }
    }

    /** The application on {@code side} closes channel k. */
    record Close(int side, int k) implements Action<PairState> {
        @Override
        public boolean enabled(PairState s) {
            SideModel m = s.model.sides[side];
            return k < m.chans.size() && m.chans.get(k).open && !m.chans.get(k).closeSent;
        }

        @Override
        public void run(PairState s) {
            s.system.close(side, k);
            s.model.close(side, k);
        }

        @Override
        public String toString() {
            return "new Close(" + side + ", " + k + ")";
        }
    }

    /** A keepalive@openssh.com global request with want_reply from {@code side}. */
    record KeepAlive(int side) implements Action<PairState> {
        @Override
        public void run(PairState s) {
            s.model.keepAlive(side, s.system.keepAlive(side));
        }

        @Override
        public String toString() {
            return "new KeepAlive(" + side + ")";
        }
    }

    /** {@code side} asks for a key re-exchange. */
    record Rekey(int side) implements Action<PairState> {
        @Override
        public void run(PairState s) {
            s.system.rekey(side);
            s.model.rekey(side);
        }

        @Override
        public String toString() {
            return "new Rekey(" + side + ")";
        }
    }

    /** The driver of {@code side} writes up to {@code n} bytes to the network. */
    record Transmit(int side, int n) implements Action<PairState> {
        @Override
        public void run(PairState s) {
            int got = s.system.transmit(side, n);
            assertEquals(s.model.transmit(side, n), got, PairState.name(side) + ": bytes transmitted");
        }

        @Override
        public String toString() {
            return "new Transmit(" + side + ", " + (n == ALL ? "ALL" : n) + ")";
        }
    }

    /** The network hands up to {@code n} of {@code side}'s transmitted bytes to the other side. */
    record Deliver(int side, int n) implements Action<PairState> {
        @Override
        public void run(PairState s) {
            long got = s.system.deliver(side, n);
            assertEquals(s.model.deliver(side, n), got, PairState.name(side) + ": bytes delivered");
        }

        @Override
        public String toString() {
            return "new Deliver(" + side + ", " + (n == ALL ? "ALL" : n) + ")";
        }
    }

    /** Virtual time advances; both engines' timers may fire (none may change the outbound state here). */
    record Tick(long nanos) implements Action<PairState> {
        @Override
        public void run(PairState s) {
            s.system.tick(nanos);
        }

        @Override
        public String toString() {
            return "new Tick(" + nanos + ")";
        }
    }

    /** Draws actions: mostly driver steps and writes on a writable channel, then the rarer control messages. */
    static ActionSource<PairState> source() {
        return (r, s) -> {
            int side = r.nextInt(2);
            int roll = r.nextInt(100);
            SideModel m = s.model.sides[side];
            int writable = pick(r, m, true);
            int open = pick(r, m, false);
            if (roll < 22) {
                return new Transmit(side, bytes(r));
            } else if (roll < 44) {
                return new Deliver(side, bytes(r));
            } else if (roll < 72) {
                if (writable >= 0) {
                    return new Write(side, writable, WRITE_SIZES[r.nextInt(WRITE_SIZES.length)]);
                }
                return r.nextBoolean() ? new Transmit(side, ALL) : new Deliver(side, ALL);
            } else if (roll < 77) {
                return new Open();
            } else if (roll < 83) {
                return new KeepAlive(side);
            } else if (roll < 89) {
                return new Rekey(side);
            } else if (roll < 92) {
                return new Eof(side, Math.max(0, writable));
            } else if (roll < 94) {
                return new Close(side, Math.max(0, open));
            } else {
                return new Tick(1 + r.nextLong(100_000_000L));
            }
        };
    }

    /** A random channel of {@code m} that can send data (or is merely open), or -1. */
    private static int pick(SplittableRandom r, SideModel m, boolean writable) {
        int n = m.chans.size();
        if (n == 0) {
            return -1;
        }
        int start = r.nextInt(n);
        for (int i = 0; i < n; i++) {
            SideModel.Chan c = m.chans.get((start + i) % n);
            if (writable ? c.canSendData() : c.open && !c.closeSent) {
                return (start + i) % n;
            }
        }
        return -1;
    }

    /** 0, 1, some, or all bytes. */
    private static int bytes(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 1 + r.nextInt(200);
            case 3 -> 1 + r.nextInt(20_000);
            default -> ALL;
        };
    }
}
