package io.sanssh.drivers.sim;

/** One direction of a simulated TCP connection; each has its own link, plan and faults. */
public enum Direction {
    CLIENT_TO_SERVER,
    SERVER_TO_CLIENT;

    /** The opposite direction. */
    public Direction reverse() {
        return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
    }
}
