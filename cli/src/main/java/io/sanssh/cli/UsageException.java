package io.sanssh.cli;

/** The command line is wrong: the message says how, in one line. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
