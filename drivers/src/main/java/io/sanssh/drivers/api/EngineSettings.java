package io.sanssh.drivers.api;

import io.sanssh.engine.channel.ConnectionConfig;
import io.sanssh.engine.transport.TransportConfig;
import java.time.Duration;
import java.util.List;

/**
 * The settings {@link ClientOptions} and {@link ServerOptions} share (algorithm preferences,
 * rekey limits, keep-alive): their checks, and how they become engine configuration.
 */
final class EngineSettings {
    private EngineSettings() {
    }

    /**
     * A transport builder with the given preferences applied; {@code null} lists, a zero
     * {@code rekeyBytes} and a {@code null} {@code rekeyInterval} keep the engine's defaults.
     */
    static TransportConfig.Builder transport(List<String> kex, List<String> hostKeyAlgorithms, List<String> ciphers,
            List<String> macs, long rekeyBytes, Duration rekeyInterval) {
        TransportConfig.Builder t = TransportConfig.builder();
        if (kex != null) {
            t.kexAlgorithms(kex);
        }
        if (hostKeyAlgorithms != null) {
            t.hostKeyAlgorithms(hostKeyAlgorithms);
        }
        if (ciphers != null) {
            t.ciphers(ciphers);
        }
        if (macs != null) {
            t.macs(macs);
        }
        if (rekeyBytes > 0) {
            t.rekeyBytes(rekeyBytes);
        }
        if (rekeyInterval != null) {
            t.rekeyInterval(rekeyInterval);
        }
        return t;
    }

    /** The connection configuration for a keep-alive {@code interval} (zero: none) and {@code countMax}. */
    static ConnectionConfig connection(Duration interval, int countMax) {
        return ConnectionConfig.builder().keepAliveInterval(interval).keepAliveMaxMissed(countMax).build();
    }

    /** {@code v} if it is a valid keep-alive interval (not negative). */
    static Duration keepAliveInterval(Duration v) {
        if (v.isNegative()) {
            throw new IllegalArgumentException("negative keep-alive interval: " + v);
        }
        return v;
    }

    /** {@code v} if it is a valid keep-alive count (at least 1). */
    static int keepAliveCountMax(int v) {
        if (v < 1) {
            throw new IllegalArgumentException("keep-alive count below 1: " + v);
        }
        return v;
    }
}
