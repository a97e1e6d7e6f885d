package io.sanssh.cli;

import io.sanssh.drivers.api.Driver;
import io.sanssh.drivers.api.PasswordFile;
import io.sanssh.drivers.api.ServerOptions;
import io.sanssh.drivers.api.SshServer;
import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.keys.SshPublicKey;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sanssh serve}: a small SSH server for the current user. Prints {@code listening on
 * ADDR:PORT} once it accepts connections, logs connections on stderr, and runs until killed.
 */
final class ServeCommand {
    static final String HELP = String.join("\n",
            "usage: sanssh serve [--listen ADDR:PORT] [--host-key FILE] [--authorized-keys FILE]",
            "                    [--password-file FILE] [--root DIR] [--read-only] [--allow-tcp-forwarding]",
            "                    [--driver blocking|selector]",
            "",
            "Serves exec and shell (run with /bin/sh as the current user, in the root directory; on a",
            "pty, with the login shell, when the client asks and script(1) is installed), the sftp",
            "subsystem over the root directory, and, if allowed, port forwarding.",
            "Prints 'listening on ADDR:PORT' when ready and runs until killed.",
            "",
            "  --listen ADDR:PORT       default 127.0.0.1:2222; port 0 picks a free port",
            "  --host-key FILE          default ~/.sanssh/ssh_host_ed25519_key, generated on first start",
            "  --authorized-keys FILE   OpenSSH authorized_keys for publickey (default ~/.ssh/authorized_keys",
            "                           if it exists and no --password-file is given)",
            "  --password-file FILE     lines user:password for password authentication (plain text)",
            "  --root DIR               directory served by sftp and where commands run (default: current)",
            "  --read-only              sftp refuses every change",
            "  --allow-tcp-forwarding   allow ssh -L to any target and ssh -R listeners on loopback only",
            "  --driver blocking|selector",
            "                           blocking (default): threads of its own per connection; selector: one",
            "                           event-loop thread serves every connection (commands still get a thread)",
            "");

    private final PrintStream out;
    private final PrintStream err;

    ServeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageException {
        InetSocketAddress listen = null;
        Path hostKey = ClientSettings.expand("~/.sanssh/ssh_host_ed25519_key");
        Path authorizedKeys = null;
        Path passwordFile = null;
        Path root = Path.of("").toAbsolutePath();
        boolean readOnly = false;
        boolean forwarding = false;
        Driver driver = Driver.BLOCKING;
        ArgReader r = new ArgReader(args);
        while (r.atOption()) {
            String o = r.option();
            switch (o) {
                case "--listen" -> listen = address(r.value(o));
                case "--host-key" -> hostKey = ClientSettings.expand(r.value(o));
                case "--authorized-keys" -> authorizedKeys = ClientSettings.expand(r.value(o));
                case "--password-file" -> passwordFile = ClientSettings.expand(r.value(o));
                case "--root" -> root = ClientSettings.expand(r.value(o)).toAbsolutePath();
                case "--read-only" -> readOnly = true;
                case "--allow-tcp-forwarding" -> forwarding = true;
                case "--driver" -> driver = driver(r.value(o));
                default -> throw new UsageException("unknown option " + o + " for serve");
            }
        }
        if (!r.rest().isEmpty()) {
            throw new UsageException("serve takes no operands: " + String.join(" ", r.rest()));
        }
        if (listen == null) {
            listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 2222);
        }
        if (authorizedKeys == null && passwordFile == null) {
            Path dflt = ClientSettings.expand("~/.ssh/authorized_keys");
            if (Files.isRegularFile(dflt)) {
                authorizedKeys = dflt;
            }
        }
        if (authorizedKeys == null && passwordFile == null) {
            err.println("sanssh: no way to log in: give --authorized-keys FILE or --password-file FILE");
            return 2;
        }
        if (!Files.isDirectory(root)) {
            err.println("sanssh: --root " + root + " is not a directory");
            return 2;
        }
        SshServer server;
        try {
            ServerOptions.Builder b = ServerOptions.builder().listen(listen).hostKeyFile(hostKey).sftpRoot(root)
                    .readOnly(readOnly).allowTcpForwarding(forwarding).driver(driver).log(line -> err.println("sanssh: " + line));
            if (authorizedKeys != null) {
                AuthorizedKeys keys = AuthorizedKeys.parse(Files.readString(authorizedKeys, StandardCharsets.UTF_8));
                for (AuthorizedKeys.Problem p : keys.problems()) {
                    err.println("sanssh: warning: " + authorizedKeys + " line " + p.lineNumber() + ": " + p.reason());
                }
                b.publicKeyAuthenticator(keys);
            }
            if (passwordFile != null) {
                b.passwordAuthenticator(PasswordFile.read(passwordFile));
            }
            server = SshServer.start(b.build());
        } catch (IOException | RuntimeException e) {
            err.println("sanssh: " + ExecCommand.oneLine(e.getMessage()));
            return 1;
        }
        for (SshPublicKey k : server.hostKeys()) {
            out.println("host key " + k.keyType() + " " + k.fingerprint() + " (" + hostKey + ")");
        }
        InetSocketAddress a = server.address();
        out.println("listening on " + a.getAddress().getHostAddress() + ":" + a.getPort());
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sanssh-serve-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }

    private static Driver driver(String v) throws UsageException {
        return switch (v) {
            case "blocking" -> Driver.BLOCKING;
            case "selector" -> Driver.SELECTOR;
            default -> throw new UsageException("--driver must be blocking or selector, not '" + v + "'");
        };
    }

    static InetSocketAddress address(String v) throws UsageException {
        int colon = v.lastIndexOf(':');
        if (colon < 0) {
            throw new UsageException("--listen needs ADDR:PORT, not '" + v + "'");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("bad port in --listen '" + v + "'");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("bad port in --listen '" + v + "'");
        }
        try {
            return new InetSocketAddress(host.isEmpty() ? InetAddress.getLoopbackAddress()
                    : InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UsageException("unknown address in --listen '" + v + "'");
        }
    }
}
