package io.sanssh.cli;

import java.util.List;

/**
 * Walks a command line: options first ({@code -p 22}, {@code -p22}, {@code --root DIR},
 * {@code --root=DIR}), then operands. {@code --} ends the options.
 */
final class ArgReader {
    private final List<String> args;
    private int next;
    private String pendingInline;

    ArgReader(List<String> args) {
        this.args = args;
    }

    /** Whether an option comes next (and consumes a {@code --} that ends them). */
    boolean atOption() {
        if (next >= args.size()) {
            return false;
        }
        String a = args.get(next);
        if (a.equals("--")) {
            next++;
            return false;
        }
        return a.startsWith("-") && a.length() > 1;
    }

    /**
     * Takes the next option's name: {@code -x} for short options (an attached value such as
     * {@code -p22} is kept for {@link #value}), {@code --name} for long ones ({@code --name=v} too).
     */
    String option() {
        String a = args.get(next++);
        pendingInline = null;
        if (a.startsWith("--")) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                pendingInline = a.substring(eq + 1);
                return a.substring(0, eq);
            }
            return a;
        }
        if (a.length() > 2) {
            pendingInline = a.substring(2);
        }
        return a.substring(0, 2);
    }

    /** Whether the option just taken has an attached value. */
    boolean hasInlineValue() {
        return pendingInline != null;
    }

    /** The value of the option just taken: attached, or the next argument. */
    String value(String option) throws UsageException {
        if (pendingInline != null) {
            String v = pendingInline;
            pendingInline = null;
            return v;
        }
        if (next >= args.size()) {
            throw new UsageException("option " + option + " needs a value");
        }
        return args.get(next++);
    }

    /** The operands left. */
    List<String> rest() {
        return args.subList(next, args.size());
    }
}
