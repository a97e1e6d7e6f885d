package io.sanssh.cli;

import io.sanssh.drivers.sim.SessionSimulation;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code sanssh simulate}: whole SSH sessions between a Sanssh client and a Sanssh server in the
 * deterministic in-memory simulator ({@link SessionSimulation}), in virtual time. Prints one line
 * per connection, the transcript's SHA-256 digest and a verdict line. The output depends on the
 * seed and the options only: the same command line prints the same text every time.
 */
final class SimulateCommand {
    static final String HELP = String.join("\n",
            "usage: sanssh simulate --seed N [--connections K] [--steps S] [--faults]",
            "",
            "Runs K (default 3) Sanssh client/server connections in the deterministic simulator: key",
            "exchange, password authentication, a session channel echoing S (default 20) random payloads",
            "of up to 32 KiB each way, a rekey half-way, EOF, exit status, close. The network (latency,",
            "bandwidth, TCP window, partial writes, fragmented reads, stalls), payloads, timings and all",
            "engine randomness come from the seed, so the same seed prints the same transcript digest.",
            "",
            "--faults   also draw one disruption per connection: a bit flip (must end in MAC_ERROR), a TCP",
            "           reset or a half-close (must end as a lost connection); then the network heals and",
            "           every other connection must complete.",
            "",
            "Prints a line per connection, 'transcript sha256 DIGEST', and 'verdict: PASS ...' (exit 0) or",
            "'verdict: FAIL ...' (exit 1), naming the seed that reproduces it.",
            "");

    private final PrintStream out;

    SimulateCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws UsageException {
        Long seed = null;
        int connections = 3;
        int steps = 20;
        boolean faults = false;
        ArgReader a = new ArgReader(args);
        while (a.atOption()) {
            String o = a.option();
            switch (o) {
                case "--seed" -> seed = parseLong(o, a.value(o));
                case "--connections" -> connections = (int) bounded(o, a.value(o), 1, 1000);
                case "--steps" -> steps = (int) bounded(o, a.value(o), 1, 100_000);
                case "--faults" -> faults = true;
                case "--help", "-h" -> {
                    out.print(HELP);
                    return 0;
                }
                default -> throw new UsageException("simulate: unknown option " + o);
            }
        }
        if (!a.rest().isEmpty()) {
            throw new UsageException("simulate takes no operands: " + a.rest());
        }
        if (seed == null) {
            throw new UsageException("simulate needs --seed N");
        }
        out.printf("simulate: seed %d, %d connection%s, %d steps each, faults %s%n", seed, connections,
                connections == 1 ? "" : "s", steps, faults ? "on" : "off");
        SessionSimulation.Result r = SessionSimulation.run(seed, connections, steps, faults);
        Map<SessionSimulation.Outcome, Integer> counts = new TreeMap<>();
        for (int i = 0; i < r.connections().size(); i++) {
            SessionSimulation.ConnectionResult c = r.connections().get(i);
            counts.merge(c.outcome(), 1, Integer::sum);
            out.printf("connection %d  %-10s %9d bytes each way, %d key exchanges  %s%n", i,
                    c.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'), c.bytesEachWay(), c.keyExchanges(),
                    c.detail());
        }
        out.printf("transcript sha256 %s  (%d bytes, %d ms virtual)%n", r.digest(), r.transcriptBytes(),
                r.virtualMillis());
        if (r.passed()) {
            out.printf("verdict: PASS seed %d: %s%n", seed, counts);
            return 0;
        }
        out.printf("verdict: FAIL seed %d: %s%s%n", seed, counts, r.failure() == null ? "" : " " + r.failure());
        return 1;
    }

    private static long parseLong(String option, String v) throws UsageException {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, not '" + v + "'");
        }
    }

    private static long bounded(String option, String v, long min, long max) throws UsageException {
        long n = parseLong(option, v);
        if (n < min || n > max) {
            throw new UsageException(option + " must be " + min + ".." + max);
        }
        return n;
    }
}
