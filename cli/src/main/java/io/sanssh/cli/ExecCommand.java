package io.sanssh.cli;

import io.sanssh.drivers.api.ClientOptions;
import io.sanssh.drivers.api.ExecProcess;
import io.sanssh.drivers.api.HostKeyFiles;
import io.sanssh.drivers.api.HostConfig;
import io.sanssh.drivers.api.HostKeyPrompt;
import io.sanssh.drivers.api.JumpHost;
import io.sanssh.drivers.api.OpenSshConfig;
import io.sanssh.drivers.api.OpenSshConfigException;
import io.sanssh.drivers.api.SshClient;
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
import java.util.Map;
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
    private OpenSshConfig config = OpenSshConfig.empty();

    ExecCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageException {
        ClientSettings settings = new ClientSettings();
        String configFile = null;
        boolean noStdin = false;
        boolean verbose = false;
        ArgReader r = new ArgReader(args);
        while (r.atOption()) {
            String o = r.option();
            switch (o) {
                case "-n" -> noStdin = true;
                case "-F" -> configFile = r.value(o);
                case "-J" -> settings.option("ProxyJump=" + r.value(o));
                case "-v" -> verbose = true;
                case "-p" -> {
                    int p = ClientSettings.port(r.value(o));
                    settings.port = settings.port == null ? p : settings.port;
                }
                case "-l" -> settings.user = settings.user == null ? r.value(o) : settings.user;
                case "-i" -> settings.identities.add(ClientSettings.expand(r.value(o)));
                case "-o" -> settings.option(r.value(o));
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
        String host = rest.get(0);
        String command = String.join(" ", rest.subList(1, rest.size()));
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            settings.user = settings.user == null ? host.substring(0, at) : settings.user;
            host = host.substring(at + 1);
        }
        if (host.isEmpty()) {
            throw new UsageException("empty host name");
        }
        String alias = host;
        if (!applyConfig(settings, configFile, alias)) {
            return 255;
        }
        host = settings.hostName != null ? settings.hostName.replace("%h", alias) : alias;
        String user = settings.user != null ? settings.user : System.getProperty("user.name");
        int port = settings.port != null ? settings.port : 22;
        Console console = System.console();
        boolean batch = Boolean.TRUE.equals(settings.batchMode);
        boolean canAsk = console != null && !batch;
        ClientOptions options = settings.toOptions(canAsk, canAsk ? prompt(console) : null);
        try {
            List<SshKeyPair> keys = loadIdentities(settings.identities, console, batch);
            String hostForPrompt = host;
            Supplier<String> password = () -> password(settings, user, hostForPrompt, canAsk ? console : null);
            List<SshSession> hops = new ArrayList<>();
            try {
                SshSession via = null;
                for (Jump j : Jump.parseList(settings.proxyJump)) {
                    // as ssh: a jump host's HostName, Port and User come from its own Host section
                    HostConfig jc = config.forHost(j.host(), j.user());
                    String jumpUser = j.user() != null ? j.user()
                            : jc.get("user") != null ? jc.get("user") : System.getProperty("user.name");
                    int jumpPort = j.port() != null ? j.port()
                            : jc.get("port") != null ? ClientSettings.port(jc.get("port")) : 22;
                    via = via == null ? SshClient.connect(jc.hostName(), jumpPort, options)
                            : JumpHost.connect(via, jc.hostName(), jumpPort, options);
                    hops.add(via);
                    via.authenticate(jumpUser, keys, password);
                }
                try (SshSession session = via == null ? SshClient.connect(host, port, options)
                        : JumpHost.connect(via, host, port, options)) {
                    if (verbose) {
                        var a = session.algorithms();
                        err.println("sanssh: connected to " + session.serverVersion() + "; kex " + a.kex() + ", host key "
                                + a.hostKey() + " " + session.hostKey().fingerprint() + ", cipher "
                                + a.cipherClientToServer() + (a.macClientToServer() == null ? "" : ", mac "
                                + a.macClientToServer()));
                    }
                    session.authenticate(user, keys, password);
                    for (String banner : session.banners()) {
                        err.print(banner);
                    }
                    return runCommand(session, command, noStdin);
                }
            } finally {
                for (int i = hops.size() - 1; i >= 0; i--) {
                    hops.get(i).close();
                }
            }
        } catch (IOException | KeyFileException | IllegalArgumentException e) {
            err.println("sanssh: " + oneLine(e.getMessage()));
            return 255;
        }
    }

    /**
     * Adds the ~/.ssh/config options for {@code alias} after the command line's (which therefore
     * win, ssh's first-value rule). Returns false, with a one-line reason, if the file is unusable.
     */
    private boolean applyConfig(ClientSettings settings, String configFile, String alias) throws UsageException {
        Path file = configFile != null ? ClientSettings.expand(configFile)
                : Path.of(System.getProperty("user.home"), ".ssh", "config");
        if ("none".equals(configFile) || (configFile == null && !Files.isRegularFile(file))) {
            return true;
        }
        try {
            config = OpenSshConfig.read(file);
        } catch (OpenSshConfigException e) {
            err.println("sanssh: " + oneLine(e.getMessage()));
            return false;
        } catch (IOException | IllegalArgumentException e) {
            err.println("sanssh: " + file + ": " + oneLine(e.getMessage()));
            return false;
        }
        config.warnings().forEach(w -> err.println("sanssh: warning: " + file + " " + w));
        HostConfig hc = config.forHost(alias, settings.user);
        for (Map.Entry<String, List<String>> e : hc.values().entrySet()) {
            if (ClientSettings.CONFIG_KEYWORDS.contains(e.getKey())) {
                try {
                    settings.option(e.getKey() + "=" + e.getValue().get(0));
                } catch (UsageException bad) {
                    err.println("sanssh: " + file + ": " + bad.getMessage());
                    return false;
                }
            }
        }
        String localUser = System.getProperty("user.name");
        settings.identities.addAll(hc.identityFiles(localUser, settings.user != null ? settings.user : localUser));
        return true;
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
