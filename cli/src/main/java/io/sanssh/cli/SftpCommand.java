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
            "usage: sanssh sftp [-F CONFIG] [-J JUMP] [-p PORT] [-l USER] [-i IDENTITY]... [-o Key=Value]...",
            "                   [-b BATCHFILE] [USER@]HOST",
            "",
            "Transfers files like OpenSSH's sftp. Commands are read from stdin, or from BATCHFILE",
            "(-b - for stdin), where the first failing command stops the run with exit status 1",
            "unless it is prefixed with '-'. Exit status 255: connection or authentication failed.",
            "",
            "  -F FILE           OpenSSH client config, as for sanssh exec (default ~/.ssh/config; 'none')",
            "  -J [USER@]HOST[:PORT][,...]  jump hosts (ProxyJump): connect through them in turn",
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
            if (settings.sharedOption(o.equals("-P") ? "-p" : o, r)) {
                continue;
            }
            switch (o) {
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
        String alias = settings.destination(rest.get(0));
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
        try (HostRoute route = new HostRoute(err)) {
            String host = route.resolve(settings, alias);
            Console console = System.console();
            // a batch run never asks: as OpenSSH's sftp -b, which implies BatchMode
            boolean canAsk = console != null && !batch && !Boolean.TRUE.equals(settings.batchMode);
            ExecCommand login = new ExecCommand(in, out, err);
            ClientOptions options = settings.toOptions(canAsk, canAsk ? login.prompt(console) : null);
            List<SshKeyPair> keys = login.loadIdentities(settings.identities, console, !canAsk);
            Supplier<String> password = () -> ExecCommand.password(settings, settings.loginUser(), host, canAsk ? console : null);
            try (SshSession session = route.connect(settings, host, settings.portOr22(), options, keys, password,
                    files -> files.isEmpty() ? List.of() : login.loadIdentities(files, console, !canAsk))) {
                session.authenticate(settings.loginUser(), keys, password);
                try (SftpClient sftp = session.sftp()) {
                    SftpShell shell = new SftpShell(sftp, out, err, batch, console != null && !batch);
                    if (!batch) {
                        out.println("Connected to " + alias + ".");
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
