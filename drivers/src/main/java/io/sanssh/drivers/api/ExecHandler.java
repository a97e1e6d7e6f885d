package io.sanssh.drivers.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Serves "exec" and "shell" requests on a server (RFC 4254 §6.5). Called on a thread of its own
 * per request, with the channel's streams; when it returns, the server sends "exit-status" with
 * the value returned, then EOF and CLOSE. The streams are independent and may be used from other
 * threads. {@link ProcessExecHandler} runs the command with {@code /bin/sh -c}.
 *
 * <p>A server grants "pty-req" (RFC 4254 §6.2) only if {@link #supportsPty()}; the handler then
 * gets the {@link Terminal} in {@link ExecRequest#terminal()}, with its size kept up to date by
 * "window-change" requests, and is expected to run the command on a pseudo-terminal, writing all
 * its output to {@code stdout}.
 */
@FunctionalInterface
public interface ExecHandler {
    /**
     * Runs the request to completion.
     *
     * @param stdin what the client sends; ends at the client's EOF
     * @param stdout the channel's data stream to the client; writes block while the client's window is full
     * @param stderr extended data type 1
     * @return the exit status to report
     * @throws IOException if the channel or the command failed; the client then gets exit status 255
     */
    int run(ExecRequest request, InputStream stdin, OutputStream stdout, OutputStream stderr)
            throws IOException, InterruptedException;

    /**
     * Whether this handler runs commands on a pseudo-terminal when {@link ExecRequest#terminal()}
     * is set. The server asks when a client sends "pty-req" and refuses the request if not, so the
     * client knows it has no terminal. The default is {@code false}.
     */
    default boolean supportsPty() {
        return false;
    }
}
