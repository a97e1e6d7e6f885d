package io.sanssh.drivers.testing;

import io.sanssh.engine.Role;
import io.sanssh.engine.testing.OutboundRulesChecker;
import io.sanssh.engine.testing.TestKeys;
import io.sanssh.engine.transport.HostKeyVerifier;
import io.sanssh.engine.transport.Transport;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.engine.transport.TransportListener;
import java.security.SecureRandom;

/**
 * Transport engines for driver tests: test host keys on the server, accept-all on the client, and
 * the engine harness's {@link OutboundRulesChecker} installed on every engine, so every driver test
 * also checks the outbound rules after every queue action.
 */
public final class Engines {
    private Engines() {
    }

    /** A client configuration that accepts any host key. */
    public static TransportConfig.Builder client() {
        return TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL);
    }

    /** A server configuration with every test host key. */
    public static TransportConfig.Builder server() {
        return TransportConfig.builder().hostKeys(TestKeys.all());
    }

    /** A transport in {@code role} with the outbound rules checked at run time. */
    public static Transport transport(Role role, TransportConfig config, SecureRandom random,
                                      TransportListener upper, long nowNanos) {
        OutboundRulesChecker rules = new OutboundRulesChecker(role.name().toLowerCase(),
                config.highWaterBytes() * 4 + (8L << 20), config.strictKex());
        return new Transport(role, config, random, upper, nowNanos, rules);
    }
}
