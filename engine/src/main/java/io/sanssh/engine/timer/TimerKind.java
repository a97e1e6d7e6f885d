package io.sanssh.engine.timer;

/** Every timer the engine has, as one table's index (DESIGN.md: one timer table). */
public enum TimerKind {
    /** A key exchange (initial or rekey) must end before this. */
    KEX_TIMEOUT,
    /** Start a rekey when the keys in use reach this age (RFC 4253 §9: about once an hour). */
    REKEY_BY_TIME,
    /** User authentication must succeed before this (server role). */
    AUTH_TIMEOUT,
    /** Send our next keep-alive probe. */
    KEEPALIVE,
    /** Nothing received for this long: disconnect. */
    IDLE,
    /**
     * No byte moved either way since this was armed: release the reusable packet buffers (the
     * transport's own housekeeping, never a protocol action).
     */
    BUFFER_RELEASE
}
