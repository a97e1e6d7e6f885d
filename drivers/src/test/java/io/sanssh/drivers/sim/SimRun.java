package io.sanssh.drivers.sim;

import io.sanssh.drivers.testing.Engines;
import io.sanssh.drivers.testing.MessageLog;
import io.sanssh.engine.Role;
import io.sanssh.engine.transport.Transport;
import io.sanssh.engine.transport.TransportConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One seeded simulation of a client and a server transport carrying {@link TrafficApp} traffic
 * both ways over a network shaped by a {@link FaultPlan}: the unit the seed tests and the
 * transcript test repeat.
 */
final class SimRun {
    final long seed;
    final SimNetwork net;
    final FaultPlan plan;
    final long faultWindow;
    final MessageLog atClient = new MessageLog();
    final MessageLog atServer = new MessageLog();
    final TrafficApp clientApp;
    final TrafficApp serverApp;
    final SimConnection<Transport, Transport> conn;
    final String algorithms;

    /**
     * Builds the run: algorithms, rekey limits, rekey times and traffic all drawn from {@code seed}.
     *
     * @param odds the disruption odds; {@code null} for a fault-free plan with the drawn latencies
     */
    SimRun(long seed, boolean keepTranscript, FaultPlan.Odds odds, long faultWindow) {
        this.seed = seed;
        this.faultWindow = faultWindow;
        this.net = new SimNetwork(seed, keepTranscript);
        SplittableRandom r = net.split();
        FaultPlan drawn = FaultPlan.random(r, odds == null ? new FaultPlan.Odds(faultWindow, 0, 0, 0) : odds);
        this.plan = drawn;
        // sntrup761 costs about 100 times what the others do: rarer, so 200 seeds stay quick
        String[] kex = {"curve25519-sha256", "curve25519-sha256", "curve25519-sha256", "mlkem768x25519-sha256",
            "mlkem768x25519-sha256", "ecdh-sha2-nistp256", "curve25519-sha256@libssh.org", "sntrup761x25519-sha512"};
        String[] ciphers = {"aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com",
            "aes128-ctr", "aes256-ctr"};
        String[] macs = {"hmac-sha2-256-etm@openssh.com", "hmac-sha2-512", "hmac-sha2-256", "hmac-sha1-etm@openssh.com"};
        String k = kex[r.nextInt(kex.length)];
        String c = ciphers[r.nextInt(ciphers.length)];
        String m = macs[r.nextInt(macs.length)];
        long rekeyBytes = r.nextInt(3) == 0 ? 64 * 1024 : 1L << 30;
        this.algorithms = k + " / " + c + " / " + m + " / rekey " + rekeyBytes;
        TransportConfig cc = Engines.client().kexAlgorithms(List.of(k)).ciphers(List.of(c)).macs(List.of(m))
                .rekeyBytes(rekeyBytes).build();
        TransportConfig sc = Engines.server().kexAlgorithms(List.of(k)).ciphers(List.of(c)).macs(List.of(m))
                .hostKeyAlgorithms(List.of("ssh-ed25519")).build();
        this.clientApp = new TrafficApp(r.split(), this::talking, rekeys(r), 4096, 40_000_000L);
        this.serverApp = new TrafficApp(r.split(), this::talking, rekeys(r), 4096, 40_000_000L);
        this.conn = net.connect(
                now -> Engines.transport(Role.CLIENT, cc, net.drbg(1), atClient, now), clientApp,
                now -> Engines.transport(Role.SERVER, sc, net.drbg(2), atServer, now), serverApp, plan);
    }

    private List<Long> rekeys(SplittableRandom r) {
        List<Long> times = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            times.add(r.nextLong(faultWindow));
        }
        return times;
    }

    /** Traffic flows during the fault window, and afterwards until a planned bit flip happened. */
    private boolean talking() {
        if (net.elapsed() < faultWindow) {
            return true;
        }
        return plan.disruption() instanceof FaultPlan.BitFlip f && !conn.link(f.direction()).flipped()
                && net.elapsed() < faultWindow * 20;
    }

    Transport client() {
        return conn.client().engine();
    }

    Transport server() {
        return conn.server().engine();
    }

    /** Every message sent both ways arrived, and no key exchange is running on either side. */
    boolean settled() {
        return atServer.count() == clientApp.sent().size() && atClient.count() == serverApp.sent().size()
                && !client().kexActive() && !server().kexActive()
                && client().keyExchangeCount() == server().keyExchangeCount()
                && !client().wantsWrite() && !server().wantsWrite();
    }
}
