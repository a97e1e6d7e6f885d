package io.sanssh.modeltests.interop.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

/**
 * Turns "every algorithm Sanssh implements, against one peer" into named JUnit dynamic tests, one
 * container per {@link AlgorithmCategory} and one test per algorithm name, and prints one matrix
 * line per case to standard output:
 *
 * <pre>
 * INTEROP | OpenSSH sshd | sanssh client | kex | curve25519-sha256 | PASS | 41 ms | strict
 * </pre>
 *
 * <p>A name Sanssh implements that the peer lacks becomes a skipped test whose message says so
 * (never a silent omission), so the report shows the whole matrix.
 */
public final class InteropMatrix {
    /** One case: run the check for {@code name} of {@code category}; return a short note for the matrix line. */
    @FunctionalInterface
    public interface Case {
        String run(AlgorithmCategory category, String name) throws Exception;
    }

    private final String peer;
    private final String role;

    /**
     * @param peer the peer as printed, e.g. "OpenSSH 9.2p1 sshd"
     * @param role Sanssh's side as printed, e.g. "sanssh client"
     */
    public InteropMatrix(String peer, String role) {
        this.peer = peer;
        this.role = role;
    }

    /**
     * One container per category in {@code categories}, one test per name Sanssh implements.
     *
     * @param peerNames the names the peer implements in a category
     * @param whyMissing the skip message for a name the peer lacks
     * @param check the check
     */
    public Stream<DynamicNode> nodes(List<AlgorithmCategory> categories,
                                     Function<AlgorithmCategory, List<String>> peerNames,
                                     BiFunction<AlgorithmCategory, String, String> whyMissing, Case check) {
        List<DynamicNode> containers = new ArrayList<>();
        for (AlgorithmCategory category : categories) {
            List<String> theirs = peerNames.apply(category);
            List<DynamicNode> tests = new ArrayList<>();
            for (String name : category.sansshNames()) {
                if (theirs.contains(name)) {
                    tests.add(DynamicTest.dynamicTest(name, () -> runCase(category, name, check)));
                } else {
                    // not a test: the peer lacks the algorithm (e.g. mlkem768x25519-sha256 in OpenSSH 9.2);
                    // the matrix line records it and another peer (MINA) covers it
                    line(category, name, "NOT IN PEER", whyMissing.apply(category, name));
                }
            }
            containers.add(DynamicContainer.dynamicContainer(category.label(), tests));
        }
        return containers.stream();
    }

    private void runCase(AlgorithmCategory category, String name, Case check) throws Exception {
        long start = System.nanoTime();
        try {
            String note = check.run(category, name);
            line(category, name, "PASS", (System.nanoTime() - start) / 1_000_000 + " ms" + (note == null
                    || note.isEmpty() ? "" : " | " + note));
        } catch (TestAbortedException e) {
            line(category, name, "SKIP", e.getMessage());
            throw e;
        } catch (Exception | Error e) {
            line(category, name, "FAIL", e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
            throw e;
        }
    }

    private void line(AlgorithmCategory category, String name, String outcome, String detail) {
        System.out.printf(Locale.ROOT, "INTEROP | %s | %s | %s | %s | %s | %s%n", peer, role, category.label(), name,
                outcome, detail);
        System.out.flush();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
