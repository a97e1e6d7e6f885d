package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sanssh.drivers.sim.FaultPlan;
import io.sanssh.drivers.sim.SimLoop;
import io.sanssh.drivers.sim.SimNetwork;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/**
 * The driver scenarios over the in-memory driver: a {@link SimulatedServer} on a {@link SimNetwork}
 * in virtual time (paced at most 20 times real time), 100 µs each way. Idle periods are virtual:
 * the client application waits for the network's clock, not the wall clock.
 */
class SimulatedScenariosTest extends DriverScenarios {
    private static final long SPEEDUP = 20;

    /** The network the scenarios run over. */
    FaultPlan plan() {
        return FaultPlan.none();
    }

    @Override
    Peers open(ServerOptions.Builder server, ClientOptions.Builder client) throws Exception {
        SecureRandom random = new SecureRandom();
        SshKeyPair hostKey = KeyPairs.generate(PublicKeys.ED25519, 0, random);
        long seed = random.nextLong();
        SimLoop loop = SimLoop.start(new SimNetwork(seed, false), SPEEDUP);
        SimulatedServer sim = SimulatedServer.start(server.hostKeys(List.of(hostKey)).build(), loop);
        SshSession session;
        try {
            session = sim.connect(client.trustedHostKeys(List.of(hostKey.publicKey())).build(), plan());
            if (!session.authPassword("alice", "secret")) {
                throw new AssertionError("partial success for a password-only server");
            }
        } catch (Exception | Error e) {
            loop.close();
            throw e;
        }
        return new Peers() {
            @Override
            public SshSession session() {
                return session;
            }

            @Override
            public long serverPacketsReceived() {
                return sim.packetsReceived();
            }

            @Override
            public void idle(Duration d) throws InterruptedException {
                long until = loop.now() + d.toNanos();
                while (loop.now() - until < 0) {
                    Thread.sleep(1);
                }
            }

            @Override
            public void closeServer() {
                sim.close();
            }

            @Override
            public void close() {
                session.close();
                sim.close();
                loop.close();
                assertEquals(null, loop.failure(), "seed " + seed);
            }
        };
    }
}
