package io.sanssh.drivers.sim.sftp;

import io.sanssh.drivers.sim.FaultPlan;
import io.sanssh.drivers.sim.SimConnection;
import io.sanssh.drivers.sim.SimEndpoint;
import io.sanssh.drivers.sim.SimNetwork;
import io.sanssh.engine.SshClientConfig;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.SshServerConfig;
import io.sanssh.engine.auth.PasswordVerdict;
import io.sanssh.engine.auth.ServerAuthConfig;
import io.sanssh.engine.channel.ConnectionConfig;
import io.sanssh.engine.testing.OutboundRulesChecker;
import io.sanssh.engine.testing.TestKeys;
import io.sanssh.engine.transport.HostKeyVerifier;
import io.sanssh.engine.transport.TransportConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * One seeded SFTP simulation: a client and a server {@link SshConnection} (real key exchange and
 * password authentication) over a {@link SimNetwork} shaped by a drawn {@link FaultPlan}; the
 * server serves "sftp" from {@code root}; the client app calls {@code onReady} once its session is
 * READY. Algorithms, channel window, rekey limit and the fault plan are drawn from the seed.
 */
public final class SftpSimRun {
    final long seed;
    final SimNetwork net;
    final SplittableRandom random;
    final FaultPlan plan;
    final String setup;
    final SftpWireTap tap = new SftpWireTap();
    final SftpClientApp clientApp;
    final SftpServerApp serverApp;
    final SimConnection<SshConnection, SshConnection> conn;

    /**
     * @param faultWindowNanos stalls fall within this much virtual time from the start
     * @param oneByteWrites whether each direction writes 1 byte at a time (and reads 1 byte at a time)
     * @param shuffleReplies whether the server answers out of order
     */
    SftpSimRun(long seed, Path root, long faultWindowNanos, boolean oneByteWrites, boolean shuffleReplies,
               BiConsumer<SimEndpoint<SshConnection>, SftpClientBridge> onReady) {
        this.seed = seed;
        this.net = new SimNetwork(seed, false);
        this.random = net.split();
        FaultPlan drawn = FaultPlan.random(random, new FaultPlan.Odds(faultWindowNanos, 0, 0, 0));
        this.plan = oneByteWrites ? new FaultPlan(oneByte(drawn.clientToServer()), oneByte(drawn.serverToClient()),
                drawn.disruption()) : drawn;
        String[] ciphers = {"aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr",
            "chacha20-poly1305@openssh.com"};
        String cipher = ciphers[random.nextInt(ciphers.length)];
        long[] rekeyLimits = {256 * 1024, 1 << 20, 1L << 30};
        long rekeyBytes = rekeyLimits[random.nextInt(rekeyLimits.length)];
        long[] windows = {32 * 1024, 256 * 1024, 2 << 20};
        long window = windows[random.nextInt(windows.length)];
        int maxOutstanding = 4 + random.nextInt(253);
        this.setup = cipher + ", rekey every " + rekeyBytes + " B, window " + window + ", session max outstanding "
                + maxOutstanding + (oneByteWrites ? ", 1-byte writes and reads" : "")
                + (shuffleReplies ? ", replies shuffled" : "") + ", plan " + plan;
        ConnectionConfig connection = ConnectionConfig.builder().initialWindow(window).build();
        TransportConfig ct = TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL)
                .ciphers(List.of(cipher)).rekeyBytes(rekeyBytes).build();
        TransportConfig st = TransportConfig.builder().hostKeys(TestKeys.all()).ciphers(List.of(cipher)).build();
        ServerAuthConfig auth = ServerAuthConfig.builder()
                .password((user, pw, ctx) -> SftpClientApp.USER.equals(user) && SftpClientApp.PASSWORD.equals(pw)
                        ? PasswordVerdict.accept() : PasswordVerdict.reject())
                .build();
        this.clientApp = new SftpClientApp(maxOutstanding, tap, onReady);
        this.serverApp = new SftpServerApp(root, shuffleReplies ? random.split() : null);
        this.conn = net.connect(
                now -> SshConnection.client(new SshClientConfig(ct, connection, false), net.drbg(1), now,
                        rules("client", ct)),
                clientApp,
                now -> SshConnection.server(new SshServerConfig(st, auth, connection), net.drbg(2), now,
                        rules("server", st)),
                serverApp, plan);
    }

    private static OutboundRulesChecker rules(String name, TransportConfig t) {
        return new OutboundRulesChecker(name, t.highWaterBytes() * 4 + (8L << 20), t.strictKex());
    }

    private static FaultPlan.Path oneByte(FaultPlan.Path p) {
        return new FaultPlan.Path(p.latencyNanos(), p.jitterNanos(), p.bytesPerSecond(), p.bufferBytes(), 1, 1,
                p.stalls());
    }

    /**
     * How many bytes a transfer of this run should move at most: the simulator spends a few
     * actions per write, so paths that write a few bytes at a time (or through a tiny TCP window)
     * move less, and the rest move several MiB.
     */
    int transferBudget(int large) {
        long chunk = Math.min(smallestWrite(plan.clientToServer()), smallestWrite(plan.serverToClient()));
        return chunk < 256 ? Math.min(large, 128 * 1024) : chunk < 4096 ? Math.min(large, 1 << 20) : large;
    }

    private static long smallestWrite(FaultPlan.Path p) {
        long w = p.maxWriteWindow() > 0 ? (p.maxWriteWindow() + 1) / 2 : Long.MAX_VALUE;
        return Math.min(w, p.bufferBytes());
    }

    /** The client's engine. */
    SshConnection client() {
        return conn.client().engine();
    }

    @Override
    public String toString() {
        return "seed " + seed + ": " + setup;
    }
}
