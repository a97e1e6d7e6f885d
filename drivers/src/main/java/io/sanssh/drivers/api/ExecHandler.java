package io.sanssh.drivers.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Serves "exec" and "shell" requests on a server (RFC 4254 §6.5). Called on a thread of its own
 * per request, with the channel's streams; when it returns, the server sends "exit-status" with
 * the value returned, then EOF and CLOSE. The streams are independent and may be used from other
 * threads. {@link ProcessExecHandler} runs the command with {@code /bin/sh -c}.
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
}
