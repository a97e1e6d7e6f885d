package io.sanssh.engine.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Server role: which methods a user has completed and which may come next, for servers that
 * require several (RFC 4252 §5.1, partial success; OpenSSH's {@code AuthenticationMethods}).
 *
 * <p>The requirement is a set of sequences; authentication completes when the completed methods
 * equal one of them. A method may be tried only if it is next in a sequence whose start matches
 * what was completed so far: that list is the "authentications that can continue" of every
 * SSH_MSG_USERAUTH_FAILURE.
 */
final class MethodRequirements {
    private final List<List<String>> sequences;
    private final List<String> completed = new ArrayList<>();

    /**
     * @param required the configured sequences; when empty, each offered method alone
     * @param offered the methods that have an authenticator
     */
    MethodRequirements(List<List<String>> required, List<String> offered) {
        sequences = required.isEmpty() ? offered.stream().map(List::of).toList() : List.copyOf(required);
    }

    /** The methods that may be tried now, in configuration order, without repeats. */
    List<String> next() {
        Set<String> out = new LinkedHashSet<>();
        for (List<String> s : sequences) {
            if (s.size() > completed.size() && s.subList(0, completed.size()).equals(completed)) {
                out.add(s.get(completed.size()));
            }
        }
        return List.copyOf(out);
    }

    /** Whether {@code method} may be tried now. */
    boolean allows(String method) {
        return next().contains(method);
    }

    /**
     * Records that {@code method}, which {@link #allows} allowed, succeeded.
     *
     * @return true when a whole sequence is now complete: the user is authenticated
     */
    boolean succeed(String method) {
        completed.add(method);
        return sequences.contains(completed);
    }

    /** The methods completed so far, in order. */
    List<String> completed() {
        return List.copyOf(completed);
    }

    /** Forgets every completed method: the user name changed (RFC 4252 §5, "MUST flush"). */
    void reset() {
        completed.clear();
    }
}
