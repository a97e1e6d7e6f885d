package io.sanssh.engine;

/** Which end of the TCP connection an engine plays (RFC 4253: the client opens it). */
public enum Role {
    CLIENT,
    SERVER;

    /** The other end. */
    public Role peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }
}
