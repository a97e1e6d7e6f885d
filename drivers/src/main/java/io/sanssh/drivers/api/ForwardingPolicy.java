package io.sanssh.drivers.api;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which TCP forwardings an {@link SshServer} allows, before any per-key restriction of
 * authorized_keys ({@code no-port-forwarding}, {@code permitopen}, {@code permitlisten}), which can
 * only narrow it. Set with {@link ServerOptions.Builder#forwardingPolicy}; the default is
 * {@link #DENY}. Called on a connection's event thread: answer at once.
 */
public interface ForwardingPolicy {
    /** Nothing: "direct-tcpip" opens and "tcpip-forward" requests are refused. The default. */
    ForwardingPolicy DENY = of(false, false, false);

    /**
     * Local forwarding ({@code ssh -L}) to any target, and remote forwarding ({@code ssh -R}) with
     * listeners on loopback addresses only, as OpenSSH's {@code GatewayPorts no}: a client cannot
     * open a port to the network through this server. What {@code allowTcpForwarding(true)} sets.
     */
    ForwardingPolicy LOOPBACK_LISTENERS = of(true, true, false);

    /** Local forwarding anywhere and remote listeners on any address the client names. */
    ForwardingPolicy ALLOW_ALL = of(true, true, true);

    /** Whether {@code user} may open a "direct-tcpip" channel to {@code host}:{@code port} (RFC 4254 §7.2). */
    boolean allowsLocal(String user, String host, int port);

    /**
     * Whether {@code user} may have the server listen on {@code bindHost}:{@code port} ("tcpip-forward",
     * RFC 4254 §7.1; port 0 asks for any free port). {@code bindHost} is as the client sent it:
     * {@code ""} and {@code "0.0.0.0"} mean all IPv4 addresses, {@code "localhost"} loopback.
     */
    boolean allowsRemote(String user, String bindHost, int port);

    /** A policy from three switches. */
    static ForwardingPolicy of(boolean local, boolean remoteLoopback, boolean remoteAnyAddress) {
        return new ForwardingPolicy() {
            @Override
            public boolean allowsLocal(String user, String host, int port) {
                return local;
            }

            @Override
            public boolean allowsRemote(String user, String bindHost, int port) {
                return remoteAnyAddress || (remoteLoopback && isLoopback(bindHost));
            }
        };
    }

    /**
     * Whether {@code bindHost} names only loopback addresses: {@code localhost}, or a literal
     * address in 127.0.0.0/8 or {@code ::1}. No name lookup is made for other names.
     */
    static boolean isLoopback(String bindHost) {
        if (bindHost.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (bindHost.isEmpty() || !(Character.isDigit(bindHost.charAt(0)) || bindHost.contains(":"))) {
            return false;
        }
        try {
            return InetAddress.getByName(bindHost).isLoopbackAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
