package io.sanssh.modeltests.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Delta debugging (Zeller and Hildebrandt, "Simplifying and Isolating Failure-Inducing Input",
 * 2002): shrinks a failing list to a 1-minimal one, where removing any single element makes the
 * failure go away. Tries removing chunks of the list at growing granularity, keeping any
 * complement that still fails.
 */
public final class Ddmin {
    private Ddmin() {
    }

    /**
     * The smallest failing sub-list found.
     *
     * @param input a list for which {@code fails} holds
     * @param fails runs a candidate sub-list (order kept) and says whether it still fails
     * @return a sub-list of {@code input} that fails and is 1-minimal
     */
    public static <T> List<T> minimise(List<T> input, Predicate<List<T>> fails) {
        List<T> current = new ArrayList<>(input);
        int n = 2;
        while (current.size() >= 2) {
            int chunk = (current.size() + n - 1) / n;
            boolean reduced = false;
            for (int start = 0; start < current.size(); start += chunk) {
                List<T> complement = new ArrayList<>(current.subList(0, start));
                complement.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                if (!complement.isEmpty() && fails.test(complement)) {
                    current = complement;
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (n >= current.size()) {
                    break;
                }
                n = Math.min(current.size(), n * 2);
            }
        }
        return current;
    }
}
