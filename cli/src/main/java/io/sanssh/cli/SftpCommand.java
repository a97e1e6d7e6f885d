package io.sanssh.cli;

import io.sanssh.drivers.api.ClientOptions;
import io.sanssh.drivers.api.SftpClient;
import io.sanssh.drivers.api.SshClient;
import io.sanssh.drivers.api.SshSession;
import io.sanssh.engine.keys.KeyFileException;
import io.sanssh.engine.keys.SshKeyPair;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code sanssh sftp}: an SFTP client like OpenSSH's {@code sftp}. Commands come from stdin
 * (interactive) or from a batch file ({@code -b FILE}, {@code -b -} for stdin). In batch mode the
 * first failing command ends the run with exit status 1 and a one-line reason, unless it starts
 * with {@code -}; 255 means the connection or authentication failed.
 */
final class SftpCommand {
    static final String HELP = String.join("\n",
            "usage: sanssh sftp [-p PORT] [-l USER] [-i IDENTITY]... [-o Key=Value]... [-b BATCHFILE] [USER@]HOST",
            "",
            "Transfers files like OpenSSH's sftp. Commands are read from stdin, or from BATCHFILE",
            "(-b - for stdin), where the first failing command stops the run with exit status 1",
            "unless it is prefixed with '-'. Exit status 255: connection or authentication failed.",
            "",
            "  -p PORT, -P PORT  port (default 22)",
            "  -l USER           user name (default: the local user)",
            "  -i FILE           identity (private key) file; repeatable",
            "  -o Key=Value      as for sanssh exec (StrictHostKeyChecking, UserKnownHostsFile, ...)",
            "  -b FILE           batch file of commands",
            "",
            SftpShell.COMMANDS);

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    SftpCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageException {
        ClientSettings settings = new ClientSettings();
        String batchFile = null;
        ArgReader r = new ArgReader(args);
        while (r.atOption()) {
            String o = r.option();
            switch (o) {
                case "-p", "-P" -> {
                    int p = ClientSettings.port(r.value(o));
                    settings.port = settings.port == null ? p : settings.port;
                }
                case "-l" -> settings.user = settings.user == null ? r.value(o) : settings.user;
                case "-i" -> settings.identities.add(ClientSettings.expand(r.value(o)));
                case "-o" -> settings.option(r.value(o));
                case "-b" -> batchFile = r.value(o);
                case "-h", "--help" -> {
                    out.print(HELP);
                    return 0;
                }
                default -> throw new UsageException("unknown option " + o + " for sftp");
            }
        }
        List<String> rest = r.rest();
        if (rest.size() != 1) {
            throw new UsageException(rest.isEmpty() ? "sftp needs a host" : "sftp takes one host, not " + rest);
        }
        String host = rest.get(0);
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            settings.user = settings.user == null ? host.substring(0, at) : settings.user;
            host = host.substring(at + 1);
        }
        if (host.isEmpty()) {
            throw new UsageException("empty host name");
        }
        boolean batch = batchFile != null;
        BufferedReader commands;
        try {
            commands = !batch || batchFile.equals("-")
                    ? new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    : Files.newBufferedReader(Path.of(batchFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("sanssh: cannot read batch file " + batchFile + ": " + ExecCommand.oneLine(e.getMessage()));
            return 255;
        }
        String user = settings.user != null ? settings.user : System.getProperty("user.name");
        int port = settings.port != null ? settings.port : 22;
        Console console = System.console();
        // a batch run never asks: as OpenSSH's sftp -b, which implies BatchMode
        boolean canAsk = console != null && !batch && !Boolean.TRUE.equals(settings.batchMode);
        ExecCommand login = new ExecCommand(in, out, err);
        ClientOptions options = settings.toOptions(canAsk, canAsk ? login.prompt(console) : null);
        try {
            List<SshKeyPair> keys = login.loadIdentities(settings.identities, console, !canAsk);
            String hostForPrompt = host;
            Supplier<String> password = () -> ExecCommand.password(settings, user, hostForPrompt,
                    canAsk ? console : null);
            try (SshSession session = SshClient.connect(host, port, options)) {
                session.authenticate(user, keys, password);
                try (SftpClient sftp = session.sftp()) {
                    SftpShell shell = new SftpShell(sftp, out, err, batch, console != null && !batch);
                    if (!batch) {
                        out.println("Connected to " + host + ".");
                    }
                    return shell.run(commands);
                }
            }
        } catch (IOException | KeyFileException | IllegalArgumentException e) {
            err.println("sanssh: " + ExecCommand.oneLine(e.getMessage()));
            return 255;
        }
    }
}
