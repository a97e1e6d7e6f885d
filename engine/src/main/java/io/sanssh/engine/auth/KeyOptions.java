package io.sanssh.engine.auth;

import io.sanssh.engine.keys.OpenSshCertificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options of one authorized_keys line (sshd(8), AUTHORIZED_KEYS FILE FORMAT), possibly merged
 * with the restrictions of a user certificate. Parsed by {@link AuthorizedKeys}; the connection
 * layer reads it from {@link AuthenticatedUser#options()} and enforces the session ones.
 *
 * <p>Checked during authentication: {@code certAuthority}, {@code principals}, {@code from},
 * {@code expiresAt}. Enforced afterwards: {@code command}, {@code environment}, the permission
 * flags and the {@code permitOpen}/{@code permitListen} lists.
 *
 * @param certAuthority the key is a CA trusted to sign user certificates ({@code cert-authority})
 * @param command the forced command ({@code command="..."}), or {@code null}
 * @param environment {@code NAME=value} pairs to set ({@code environment="..."}), in order
 * @param from the {@code from="..."} pattern list split at commas, empty if absent
 * @param principals on a CA line, the accepted principals ({@code principals="..."}), empty if absent
 * @param permitOpen allowed {@code host:port} targets of local forwarding; empty means any
 * @param permitListen allowed {@code [host:]port} listeners of remote forwarding; empty means any
 * @param agentForwarding whether agent forwarding is allowed
 * @param portForwarding whether TCP forwarding is allowed at all
 * @param pty whether a pty may be allocated
 * @param userRc whether {@code ~/.ssh/rc} runs
 * @param x11Forwarding whether X11 forwarding is allowed
 * @param expiresAt the {@code expiry-time} as epoch seconds (exclusive), or {@code null}
 * @param tunnel the {@code tunnel="n"} device, or {@code null}
 */
public record KeyOptions(boolean certAuthority, String command, List<String> environment, List<String> from,
                         List<String> principals, List<String> permitOpen, List<String> permitListen,
                         boolean agentForwarding, boolean portForwarding, boolean pty, boolean userRc,
                         boolean x11Forwarding, Long expiresAt, String tunnel) {

    /** No options at all: everything permitted, nothing forced. */
    public static final KeyOptions UNRESTRICTED = new KeyOptions(false, null, List.of(), List.of(), List.of(),
            List.of(), List.of(), true, true, true, true, true, null, null);

    public KeyOptions {
        environment = List.copyOf(environment);
        from = List.copyOf(from);
        principals = List.copyOf(principals);
        permitOpen = List.copyOf(permitOpen);
        permitListen = List.copyOf(permitListen);
    }

    /**
     * Whether a local forwarding ({@code direct-tcpip}, RFC 4254 §7.2) to {@code host:port} is
     * allowed: port forwarding is on, and either no {@code permitopen} is given or one names this
     * host literally (no patterns, no name lookup; case-insensitive) with this port or {@code *}.
     */
    public boolean permitsOpen(String host, int port) {
        if (!portForwarding) {
            return false;
        }
        if (permitOpen.isEmpty()) {
            return true;
        }
        for (String spec : permitOpen) {
            int colon = spec.lastIndexOf(':');
            String h = unbracket(spec.substring(0, colon));
            if (h.equalsIgnoreCase(host) && portMatches(spec.substring(colon + 1), port)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a remote forwarding ({@code tcpip-forward}, RFC 4254 §7.1) listening on
     * {@code host:port} is allowed: port forwarding is on, and either no {@code permitlisten} is
     * given or one matches. A {@code permitlisten} without host allows any listen host; a host
     * may contain {@code *} and {@code ?} wildcards.
     */
    public boolean permitsListen(String host, int port) {
        if (!portForwarding) {
            return false;
        }
        if (permitListen.isEmpty()) {
            return true;
        }
        for (String spec : permitListen) {
            int colon = spec.lastIndexOf(':');
            String h = colon < 0 ? "*" : unbracket(spec.substring(0, colon));
            String p = spec.substring(colon + 1);
            if (AddressPatterns.glob(h.toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT))
                    && portMatches(p, port)) {
                return true;
            }
        }
        return false;
    }

    /**
     * These options restricted further by a user certificate, "the most restrictive union of the
     * two" (sshd(8), cert-authority): a permission stays on only if the certificate also grants it
     * ({@code permit-pty}, {@code permit-port-forwarding}, ...), and the certificate's
     * {@code force-command} becomes the command.
     *
     * @return the merged options, or {@code null} if both force a command and the two differ,
     *     which sshd(8) refuses
     */
    KeyOptions restrictedBy(OpenSshCertificate cert) {
        String forced = cert.criticalOptionValue("force-command").orElse(null);
        String cmd = command;
        if (forced != null) {
            if (cmd != null && !cmd.equals(forced)) {
                return null;
            }
            cmd = forced;
        }
        var ext = cert.extensions();
        return new KeyOptions(certAuthority, cmd, environment, from, principals, permitOpen, permitListen,
                agentForwarding && ext.containsKey("permit-agent-forwarding"),
                portForwarding && ext.containsKey("permit-port-forwarding"),
                pty && ext.containsKey("permit-pty"),
                userRc && ext.containsKey("permit-user-rc"),
                x11Forwarding && ext.containsKey("permit-X11-forwarding"), expiresAt, tunnel);
    }

    /** Whether the options allow use at {@code nowEpochSeconds} ({@code expiry-time}). */
    boolean unexpiredAt(long nowEpochSeconds) {
        return expiresAt == null || nowEpochSeconds < expiresAt;
    }

    private static boolean portMatches(String spec, int port) {
        return spec.equals("*") || spec.equals(Integer.toString(port));
    }

    private static String unbracket(String host) {
        return host.length() >= 2 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
    }

    /** A mutable copy for the parser, which applies options left to right. */
    static final class Builder {
        boolean certAuthority;
        String command;
        final List<String> environment = new ArrayList<>();
        List<String> from = List.of();
        List<String> principals = List.of();
        final List<String> permitOpen = new ArrayList<>();
        final List<String> permitListen = new ArrayList<>();
        boolean agentForwarding = true;
        boolean portForwarding = true;
        boolean pty = true;
        boolean userRc = true;
        boolean x11Forwarding = true;
        Long expiresAt;
        String tunnel;

        /** {@code restrict}: every permission off, including any added to this list in future. */
        void restrict() {
            agentForwarding = false;
            portForwarding = false;
            pty = false;
            userRc = false;
            x11Forwarding = false;
        }

        KeyOptions build() {
            return new KeyOptions(certAuthority, command, environment, from, principals, permitOpen, permitListen,
                    agentForwarding, portForwarding, pty, userRc, x11Forwarding, expiresAt, tunnel);
        }
    }
}
