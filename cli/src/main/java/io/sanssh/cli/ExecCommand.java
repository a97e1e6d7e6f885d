package io.sanssh.cli;

import io.sanssh.drivers.api.ClientOptions;
import io.sanssh.drivers.api.ExecProcess;
import io.sanssh.drivers.api.HostKeyFiles;
import io.sanssh.drivers.api.HostKeyPrompt;
import io.sanssh.drivers.api.SshSession;
import io.sanssh.engine.keys.KeyFileException;
import io.sanssh.engine.keys.PrivateKeyFiles;
import io.sanssh.engine.keys.SshKeyPair;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code sanssh exec}: runs one command on a server, like {@code ssh HOST COMMAND}. stdin goes to
 * the command (its end becomes the channel's EOF), stdout and stderr come back separately, and
 * the exit status is the command's; 255 means the connection or authentication failed, with the
 * reason on one line of stderr.
 */
final class ExecCommand {
    static final String HELP = String.join("\n",
            "usage: sanssh exec [-n] [-v] [-F CONFIG] [-J JUMP] [-p PORT] [-l USER] [-i IDENTITY]... [-o Key=Value]...",
            "                   [-c CIPHERS] [-m MACS] [USER@]HOST COMMAND...",
            "",
            "Runs COMMAND on HOST like ssh does: stdin to the command (-n: none), stdout and stderr",
            "separately, exit status of the command; 255 on connection or authentication failure.",
            "",
            "  -F FILE        OpenSSH client config (default ~/.ssh/config if it exists; 'none': no file).",
            "                 Host sections (* ? !), HostName, Port, User, IdentityFile (~ %d %u %h %r),",
            "                 UserKnownHostsFile, StrictHostKeyChecking, ServerAliveInterval/CountMax,",
            "                 RekeyLimit, Ciphers, MACs, KexAlgorithms, HostKeyAlgorithms, ProxyJump,",
            "                 ConnectTimeout, BatchMode; first value wins, command-line options win over it.",
            "                 Include (under ~/.ssh, globs); Match all, host, originalhost, user, localuser",
            "                 (a Match with exec or another criterion it cannot evaluate never applies)",
            "  -J [USER@]HOST[:PORT][,...]  jump hosts (ProxyJump): connect through them in turn",
            "  -p PORT        port (default 22)",
            "  -l USER        user name (default: the local user)",
            "  -i FILE        identity (private key) file; repeatable. Default: ~/.ssh/id_ed25519,",
            "                 ~/.ssh/id_ecdsa, ~/.ssh/id_rsa, those that exist",
            "  -c CIPHERS     cipher list (OpenSSH syntax: a,b  +a  -a*  ^a)",
            "  -m MACS        MAC list",
            "  -v             print the negotiated algorithms and the host key on stderr",
            "  -o Key=Value   StrictHostKeyChecking=yes|accept-new|no|ask, UserKnownHostsFile=FILE,",
            "                 IdentityFile=FILE, KexAlgorithms, HostKeyAlgorithms, Ciphers, MACs,",
            "                 ServerAliveInterval=SECONDS, ServerAliveCountMax=N, RekeyLimit=SIZE [TIME],",
            "                 ConnectTimeout=SECONDS, Port, User, BatchMode=yes|no, Driver=blocking|selector,",
            "                 Password=PASSWORD (for tests and demos only: it shows in the process list;",
            "                 otherwise the password is asked on the terminal or read from SANSSH_PASSWORD)",
            "");

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    ExecCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageException {
        ClientSettings settings = new ClientSettings();
        boolean noStdin = false;
        boolean verbose = false;
        ArgReader r = new ArgReader(args);
        while (r.atOption()) {
            String o = r.option();
            if (settings.sharedOption(o, r)) {
                continue;
            }
            switch (o) {
                case "-n" -> noStdin = true;
                case "-v" -> verbose = true;
                case "-c" -> settings.option("Ciphers=" + r.value(o));
                case "-m" -> settings.option("MACs=" + r.value(o));
                default -> throw new UsageException("unknown option " + o + " for exec");
            }
            if ((o.equals("-n") || o.equals("-v")) && r.hasInlineValue()) {
                throw new UsageException("unknown option " + o + r.value(o) + " for exec");
            }
        }
        List<String> rest = r.rest();
        if (rest.isEmpty()) {
            throw new UsageException("exec needs a host and a command");
        }
        if (rest.size() < 2) {
            throw new UsageException("exec needs a command after the host");
        }
        String alias = settings.destination(rest.get(0));
        String command = String.join(" ", rest.subList(1, rest.size()));
        try (HostRoute route = new HostRoute(err)) {
            String host = route.resolve(settings, alias);
            Console console = System.console();
            boolean batch = Boolean.TRUE.equals(settings.batchMode);
            boolean canAsk = console != null && !batch;
            ClientOptions options = settings.toOptions(canAsk, canAsk ? prompt(console) : null);
            List<SshKeyPair> keys = loadIdentities(settings.identities, console, batch);
            Supplier<String> password = () -> password(settings, settings.loginUser(), host, canAsk ? console : null);
            try (SshSession session = route.connect(settings, host, settings.portOr22(), options, keys, password,
                    files -> files.isEmpty() ? List.of() : loadIdentities(files, console, batch))) {
                if (verbose) {
                    var a = session.algorithms();
                    err.println("sanssh: connected to " + session.serverVersion() + "; kex " + a.kex() + ", host key "
                            + a.hostKey() + " " + session.hostKey().fingerprint() + ", cipher "
                            + a.cipherClientToServer() + (a.macClientToServer() == null ? "" : ", mac "
                            + a.macClientToServer()));
                }
                session.authenticate(settings.loginUser(), keys, password);
                for (String banner : session.banners()) {
                    err.print(banner);
                }
                return runCommand(session, command, noStdin);
            }
        } catch (IOException | KeyFileException | IllegalArgumentException e) {
            err.println("sanssh: " + oneLine(e.getMessage()));
            return 255;
        }
    }

    private int runCommand(SshSession session, String command, boolean noStdin) throws IOException {
        ExecProcess p = session.execStreaming(command);
        if (noStdin) {
            p.getOutputStream().close();
        } else {
            Thread stdin = new Thread(() -> {
                try (OutputStream to = p.getOutputStream()) {
                    copy(in, to, false);
                } catch (IOException e) {
                    // the command ended or the channel closed: its input no longer matters
                }
            }, "sanssh-stdin");
            stdin.setDaemon(true);
            stdin.start();
        }
        Thread stderr = new Thread(() -> {
            try {
                copy(p.getErrorStream(), err, true);
            } catch (IOException e) {
                // the connection ended: reported by waitFor
            }
        }, "sanssh-stderr");
        stderr.setDaemon(true);
        stderr.start();
        copy(p.getInputStream(), out, true);
        try {
            stderr.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int status = p.waitFor();
        if (p.exitSignal() != null) {
            err.println("sanssh: remote command killed by signal " + p.exitSignal());
            return 255;
        }
        if (status < 0) {
            err.println("sanssh: the server sent no exit status");
            return 255;
        }
        return status;
    }

    private static void copy(InputStream from, OutputStream to, boolean flush) throws IOException {
        byte[] buf = new byte[32 * 1024];
        int n;
        while ((n = from.read(buf)) >= 0) {
            to.write(buf, 0, n);
            if (flush || from.available() == 0) {
                to.flush();
            }
        }
        to.flush();
    }

    /** Reads the identities to offer: those given, else the default files that exist. */
    List<SshKeyPair> loadIdentities(List<Path> given, Console console, boolean batch) throws IOException {
        List<Path> files = new ArrayList<>(given);
        boolean explicit = !files.isEmpty();
        if (!explicit) {
            for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
                Path p = Path.of(System.getProperty("user.home"), ".ssh", name);
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        List<SshKeyPair> keys = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                err.println("sanssh: warning: identity file " + f + " not accessible: no such file");
                continue;
            }
            try {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                char[] passphrase = null;
                if (PrivateKeyFiles.isEncrypted(text)) {
                    if (console == null || batch) {
                        err.println("sanssh: warning: skipping encrypted identity " + f
                                + " (no terminal to ask for its passphrase)");
                        continue;
                    }
                    passphrase = console.readPassword("Enter passphrase for key '%s': ", f);
                }
                keys.add(HostKeyFiles.read(f, passphrase));
            } catch (KeyFileException e) {
                err.println("sanssh: warning: skipping identity " + f + ": " + oneLine(e.getMessage()));
            }
        }
        return keys;
    }

    static String password(ClientSettings settings, String user, String host, Console console) {
        if (settings.password != null) {
            return settings.password;
        }
        String env = System.getenv("SANSSH_PASSWORD");
        if (env != null) {
            return env;
        }
        if (console != null) {
            char[] pw = console.readPassword("%s@%s's password: ", user, host);
            return pw == null ? null : new String(pw);
        }
        return null;
    }

    HostKeyPrompt prompt(Console console) {
        return (hostName, key) -> {
            console.printf("The authenticity of host '%s' can't be established.%n%s key fingerprint is %s.%n",
                    hostName, key.keyType(), key.fingerprint());
            while (true) {
                String answer = console.readLine("Are you sure you want to continue connecting (yes/no)? ");
                if (answer == null || answer.strip().equalsIgnoreCase("no")) {
                    return false;
                }
                if (answer.strip().equalsIgnoreCase("yes")) {
                    return true;
                }
                console.printf("Please type 'yes' or 'no'.%n");
            }
        };
    }

    static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        return s.replace('\n', ' ').replace('\r', ' ').strip();
    }
}
