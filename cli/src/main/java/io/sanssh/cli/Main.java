package io.sanssh.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code sanssh} command.
 *
 * <pre>
 *   sanssh demo                       an embedded server and client talking over 127.0.0.1
 *   sanssh exec [options] [USER@]HOST COMMAND...   like ssh HOST COMMAND
 *   sanssh serve [options]            a small SSH server (exec, shell, sftp)
 *   sanssh simulate --seed N [...]    client and server sessions in the deterministic simulator
 *   sanssh sftp [options] [USER@]HOST like OpenSSH's sftp
 * </pre>
 *
 * {@link #run} is the whole command with its streams passed in, so tests run it in process;
 * {@link #main} only adds {@code System.exit}.
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: sanssh demo [--mib N]",
            "       sanssh exec [-n] [-F CONFIG] [-J JUMP] [-p PORT] [-l USER] [-i IDENTITY]... [-o Key=Value]...",
            "                   [-c CIPHERS] [-m MACS] [USER@]HOST COMMAND...",
            "       sanssh serve [--listen ADDR:PORT] [--host-key FILE] [--authorized-keys FILE]",
            "                    [--password-file FILE] [--root DIR] [--read-only] [--allow-tcp-forwarding]",
            "       sanssh simulate --seed N [--connections K] [--steps S] [--faults]",
            "       sanssh sftp [-p PORT] [-l USER] [-i IDENTITY]... [-o Key=Value]... [-b BATCHFILE] [USER@]HOST",
            "       sanssh help [exec|serve|sftp|demo|simulate]",
            "");

    private Main() {
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.in, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /**
     * Runs {@code sanssh ARGS} with the given streams and returns the exit status: the remote
     * command's for {@code exec}, 0 for a successful demo, 255 for connection or authentication
     * failures (with a one-line reason on {@code err}), 2 for a wrong command line.
     */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            switch (args.get(0)) {
                case "exec":
                    return new ExecCommand(in, out, err).run(rest);
                case "serve":
                    return new ServeCommand(out, err).run(rest);
                case "sftp":
                    return new SftpCommand(in, out, err).run(rest);
                case "demo":
                    return new DemoCommand(out, err).run(rest);
                case "simulate":
                    return new SimulateCommand(out).run(rest);
                case "help":
                case "-h":
                case "--help":
                    out.print(rest.isEmpty() ? USAGE : help(rest.get(0)));
                    return 0;
                default:
                    throw new UsageException("unknown command '" + args.get(0) + "'");
            }
        } catch (UsageException e) {
            err.println("sanssh: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }

    private static String help(String command) throws UsageException {
        switch (command) {
            case "exec":
                return ExecCommand.HELP;
            case "serve":
                return ServeCommand.HELP;
            case "sftp":
                return SftpCommand.HELP;
            case "demo":
                return DemoCommand.HELP;
            case "simulate":
                return SimulateCommand.HELP;
            default:
                throw new UsageException("no help for '" + command + "'");
        }
    }
}
