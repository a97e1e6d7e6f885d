package io.sanssh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code sanssh simulate}: reproducible from the seed, and a verdict line. */
@Timeout(120)
class SimulateCommandTest {
    private static final Pattern DIGEST = Pattern.compile("transcript sha256 ([0-9a-f]{64})");

    private static String digest(String out) {
        Matcher m = DIGEST.matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    @Test
    void theSameSeedPrintsTheSameOutputAndAnotherSeedAnotherDigest() {
        MainTest.Run first = MainTest.sanssh(new byte[0], "simulate", "--seed", "42", "--connections", "2", "--steps", "8");
        MainTest.Run again = MainTest.sanssh(new byte[0], "simulate", "--seed", "42", "--connections", "2", "--steps", "8");
        MainTest.Run other = MainTest.sanssh(new byte[0], "simulate", "--seed", "43", "--connections", "2", "--steps", "8");
        assertEquals(0, first.status(), first.out() + first.err());
        assertEquals(first.out(), again.out());
        assertTrue(first.out().contains("verdict: PASS seed 42: {COMPLETED=2}"), first.out());
        assertEquals(0, other.status(), other.out());
        assertNotEquals(digest(first.out()), digest(other.out()));
    }

    @Test
    void withFaultsEveryConnectionCompletesOrEndsCleanlyOnItsDisruption() {
        // seed 3 draws a bit flip early in one connection's handshake and resets in two others
        MainTest.Run r = MainTest.sanssh(new byte[0], "simulate", "--seed", "3", "--faults", "--connections", "4",
                "--steps", "10");
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("verdict: PASS seed 3: {"), r.out());
        assertTrue(r.out().contains("mac-error"), r.out());
        assertTrue(r.out().contains("completed"), r.out());
        MainTest.Run again = MainTest.sanssh(new byte[0], "simulate", "--seed", "3", "--faults", "--connections", "4",
                "--steps", "10");
        assertEquals(r.out(), again.out());
    }

    @Test
    void helpAndMissingSeed() {
        MainTest.Run help = MainTest.sanssh(new byte[0], "simulate", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("usage: sanssh simulate --seed N"), help.out());
        assertEquals(help.out(), MainTest.sanssh(new byte[0], "help", "simulate").out());
        MainTest.Run noSeed = MainTest.sanssh(new byte[0], "simulate");
        assertEquals(2, noSeed.status());
        assertTrue(noSeed.err().contains("simulate needs --seed N"), noSeed.err());
    }
}
