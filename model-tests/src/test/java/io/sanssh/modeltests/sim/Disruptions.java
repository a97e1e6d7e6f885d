package io.sanssh.modeltests.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.sim.Direction;
import io.sanssh.drivers.sim.FaultPlan;
import io.sanssh.drivers.sim.SimConnection;
import io.sanssh.drivers.sim.SimEndpoint;
import io.sanssh.drivers.sim.SimNetwork;
import io.sanssh.drivers.sim.SimulationFailure;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.spec.wire.DisconnectReason;

/**
 * How a seeded run with a disruption must end, shared by the simulation tests: after a bit flip
 * both ends close and the receiver of the flipped byte reports a MAC error; after a reset both
 * ends close.
 */
final class Disruptions {
    /** How a seed ended. */
    enum Outcome { DELIVERED, MAC_ERROR, RESET, OTHER }

    private Disruptions() {
    }

    /**
     * Runs a disrupted connection to its end and checks how it ended.
     *
     * @return the outcome, or {@code null} when the plan has no bit flip or reset, or the planned
     *     flip never happened (the connection was quiet then): the caller heals and checks progress
     */
    static Outcome runToEnd(long seed, SimNetwork net, SimConnection<?, ?> conn, FaultPlan plan, long limitNanos) {
        FaultPlan.Disruption d = plan.disruption();
        if (d instanceof FaultPlan.BitFlip f) {
            boolean ended = net.runUntil(conn::isClosed, limitNanos);
            if (!conn.link(f.direction()).flipped() && !ended) {
                return null;
            }
            SimulationFailure.check(seed, () -> {
                assertTrue(ended, "both sides closed after the bit flip: " + conn);
                assertTrue(conn.link(f.direction()).flipped(), "the planned bit flip happened");
                SimEndpoint<?> receiver = f.direction() == Direction.CLIENT_TO_SERVER ? conn.server() : conn.client();
                DisconnectCause cause = receiver.disconnectCause();
                assertNotNull(cause, receiver.toString());
                assertEquals(DisconnectReason.MAC_ERROR, cause.reason(), cause.toString());
            });
            return Outcome.MAC_ERROR;
        }
        if (d instanceof FaultPlan.Reset) {
            boolean ended = net.runUntil(conn::isClosed, limitNanos);
            SimulationFailure.check(seed, () -> assertTrue(ended, "both sides closed after the reset: " + conn));
            return Outcome.RESET;
        }
        return d instanceof FaultPlan.None ? null : Outcome.OTHER;
    }
}
