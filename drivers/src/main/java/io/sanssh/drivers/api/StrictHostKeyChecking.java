package io.sanssh.drivers.api;

import java.util.Locale;

/** What to do with a host key known_hosts does not list, as OpenSSH's option of the same name. */
public enum StrictHostKeyChecking {
    /** Refuse unknown hosts; never write known_hosts. */
    YES,
    /** Accept and record keys of unknown hosts; refuse changed keys. */
    ACCEPT_NEW,
    /** Accept any key, changed ones included (tests and throw-away hosts only); record unknown ones. */
    NO,
    /** Ask the application's {@link HostKeyPrompt}; refuse if there is none. */
    ASK;

    /**
     * Parses OpenSSH's spelling: {@code yes}, {@code accept-new}, {@code no} (or {@code off}),
     * {@code ask}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static StrictHostKeyChecking parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "yes":
            case "true":
                return YES;
            case "accept-new":
                return ACCEPT_NEW;
            case "no":
            case "off":
            case "false":
                return NO;
            case "ask":
                return ASK;
            default:
                throw new IllegalArgumentException("StrictHostKeyChecking must be yes, accept-new, no or ask, not '"
                        + s + "'");
        }
    }
}
