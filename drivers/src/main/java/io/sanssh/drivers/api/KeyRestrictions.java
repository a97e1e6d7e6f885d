package io.sanssh.drivers.api;

import io.sanssh.engine.auth.KeyOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * What the authenticated key's authorized_keys options change about a command a client asked for
 * (sshd(8), AUTHORIZED_KEYS FILE FORMAT): {@code command="..."} replaces the command (or shell, or
 * subsystem) and puts the client's original command line in {@code SSH_ORIGINAL_COMMAND} (absent
 * for a shell), and {@code environment="NAME=value"} sets variables. The forwarding, pty, agent and
 * X11 restrictions are enforced where those requests are decided, in {@link ServerConnection}.
 */
final class KeyRestrictions {
    private KeyRestrictions() {
    }

    /** {@code request} as the key's options allow it to run. */
    static ExecRequest apply(KeyOptions options, ExecRequest request) {
        if (options.command() == null && options.environment().isEmpty()) {
            return request;
        }
        Map<String, String> env = new HashMap<>(request.environment());
        for (String pair : options.environment()) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                env.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        String command = request.command();
        if (options.command() != null) {
            env.remove("SSH_ORIGINAL_COMMAND");
            if (command != null) {
                env.put("SSH_ORIGINAL_COMMAND", command);
            }
            command = options.command();
        }
        return new ExecRequest(request.user(), command, env, request.remoteAddress(), request.terminal());
    }
}
