package io.sanssh.modeltests.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.modeltests.tlc.MutantGenerator.Expectation;
import io.sanssh.modeltests.tlc.MutantGenerator.Mutant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Model-checks the outbound rules in {@code tla/} with TLC, and checks that the check can fail:
 * every mutant in {@code tla/mutants/} (a model with one rule broken) must be rejected with the
 * exit code and the property the mutant is meant to break.
 *
 * <p>System properties: {@code sanssh.tlc.workers} (default 2), {@code sanssh.tlc.large=true}
 * also runs the large configurations (minutes each).
 */
class TlcModelCheckTest {

    /** The models and their CI configurations; each must pass every check it lists. */
    private static final List<String> MODELS = List.of("OutboundQueue", "ChannelModel", "KexGating");

    private static final Path TLA_DIR = locateTlaDir();
    private static final Path MUTANTS_DIR = TLA_DIR.resolve("mutants");
    private static final Path META_ROOT = Path.of("target", "tlc");
    private static final TlcRunner.Options OPTIONS = TlcRunner.Options.defaults()
            .withWorkers(Integer.getInteger("sanssh.tlc.workers", 2))
            .withTimeout(Duration.ofMinutes(5));

    @TestFactory
    Stream<DynamicTest> everyModelSatisfiesItsInvariantsAndProperties() {
        return MODELS.stream().map(model -> DynamicTest.dynamicTest(model, () ->
                assertModelHolds(model, model + ".cfg")));
    }

    @TestFactory
    Stream<DynamicTest> everyMutantIsRejectedForTheRuleItBreaks() {
        List<Mutant> mutants = MutantGenerator.parse(MUTANTS_DIR.resolve("mutations.txt"));
        Set<String> bases = mutants.stream().map(Mutant::base).collect(Collectors.toSet());
        assertEquals(Set.copyOf(MODELS), bases, "every model has at least one mutant");
        return mutants.stream().flatMap(m -> m.expectations().stream().map(e ->
                DynamicTest.dynamicTest(m.configName(e) + " -> " + e.describe(), () ->
                        assertMutantRejected(m, e))));
    }

    @Test
    void mutantFilesAreGeneratedFromMutationsTxt() {
        List<String> problems = MutantGenerator.differences(TLA_DIR);
        assertTrue(problems.isEmpty(), "tla/mutants is out of date; regenerate with"
                + " `java model-tests/src/test/java/io/sanssh/modeltests/tlc/MutantGenerator.java tla`"
                + " from the repository root:\n" + String.join("\n", problems));
    }

    @Test
    @EnabledIfSystemProperty(named = "sanssh.tlc.large", matches = "true")
    void largeConfigurationsHoldToo() {
        for (String model : MODELS) {
            if (Files.exists(TLA_DIR.resolve(model + "Large.cfg"))) {
                assertModelHolds(model, model + "Large.cfg");
            }
        }
    }

    private static void assertModelHolds(String model, String config) {
        TlcRunner.Result r = TlcRunner.run(TLA_DIR.resolve(model + ".tla"),
                TLA_DIR.resolve(config), META_ROOT.resolve(config.replace(".cfg", "")),
                config.contains("Large") ? OPTIONS.withTimeout(Duration.ofHours(2)) : OPTIONS);
        report(config, r);
        assertFalse(r.timedOut(), () -> config + ": TLC timed out\n" + r.tail(40));
        assertEquals(TlcRunner.OK, r.exitCode(), () -> config + ": TLC found an error\n" + r.tail(80));
        assertTrue(r.output().contains("Model checking completed. No error has been found."),
                () -> config + ": TLC did not finish\n" + r.tail(40));
    }

    private static void assertMutantRejected(Mutant m, Expectation e) {
        String config = m.configName(e);
        TlcRunner.Result r = TlcRunner.run(MUTANTS_DIR.resolve(m.module() + ".tla"),
                MUTANTS_DIR.resolve(config), META_ROOT.resolve("mutants")
                        .resolve(config.replace(".cfg", "")),
                // A mutant run stops at its first violation: a second worker only adds overhead.
                OPTIONS.withWorkers(1).withLibraryDirs(List.of(TLA_DIR)));
        report("mutants/" + config, r);
        System.out.printf("TLC %-58s %s (expected: %s)%n", "", r.exitCode() == e.exitCode() ? "REJECTED" : "NOT REJECTED",
                e.describe());
        assertFalse(r.timedOut(), () -> config + ": TLC timed out\n" + r.tail(40));
        assertEquals(e.exitCode(), r.exitCode(),
                () -> config + ": expected TLC to exit " + e.exitCode() + "\n" + r.tail(60));
        // A temporal violation does not name the property; the configuration checks only one.
        assertTrue(r.output().contains(e.reportText()),
                () -> config + ": expected \"" + e.reportText() + "\"\n" + r.tail(60));
    }

    /** One line per run in the CI log: what was checked, the verdict, states and time. */
    private static void report(String config, TlcRunner.Result r) {
        System.out.printf("TLC %-58s exit %3d  %,10d distinct states  %5.1fs (TLC: %s)%s%n",
                config, r.exitCode(), r.distinctStates().orElse(-1), r.elapsed().toMillis() / 1000.0,
                r.tlcTime().orElse("?"),
                r.violatedInvariant().map(i -> "  violated: " + i).orElse(""));
    }

    /** Surefire runs with model-tests/ as working directory; tla/ is its sibling. */
    private static Path locateTlaDir() {
        for (Path candidate : List.of(Path.of("..", "tla"), Path.of("tla"))) {
            if (Files.exists(candidate.resolve("OutboundQueue.tla"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("cannot find tla/ from " + Path.of("").toAbsolutePath());
    }
}
