package io.sanssh.cli;

import io.sanssh.drivers.api.ClientOptions;
import io.sanssh.drivers.api.HostConfig;
import io.sanssh.drivers.api.JumpHost;
import io.sanssh.drivers.api.OpenSshConfig;
import io.sanssh.drivers.api.OpenSshConfigException;
import io.sanssh.drivers.api.SshClient;
import io.sanssh.drivers.api.SshSession;
import io.sanssh.engine.keys.SshKeyPair;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How {@code sanssh exec} and {@code sanssh sftp} reach their destination: the settings for the
 * host alias completed from the OpenSSH client config file ({@code -F}, else ~/.ssh/config), and
 * the connection made through the jump hosts of {@code -J} / ProxyJump, each authenticated in
 * turn. Closing the route closes the jump sessions, last hop first; close it after the
 * destination's session.
 */
final class HostRoute implements AutoCloseable {
    private final PrintStream err;
    private OpenSshConfig config = OpenSshConfig.empty();
    private final List<SshSession> hops = new ArrayList<>();

    HostRoute(PrintStream err) {
        this.err = err;
    }

    /**
     * Adds the config file's options for {@code alias} after the command line's (which therefore
     * win, ssh's first-value rule) and returns the host name to connect to (HostName, with
     * {@code %h} the alias, else the alias). Throws, naming the file, if it cannot be read or
     * holds a bad value. Call once, after the command line was read.
     */
    String resolve(ClientSettings settings, String alias) throws IOException {
        String configFile = settings.configFile;
        Path file = configFile != null ? ClientSettings.expand(configFile)
                : Path.of(System.getProperty("user.home"), ".ssh", "config");
        if (!"none".equals(configFile) && (configFile != null || Files.isRegularFile(file))) {
            try {
                config = OpenSshConfig.read(file);
            } catch (OpenSshConfigException e) {
                throw new IOException(ExecCommand.oneLine(e.getMessage()), e);
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException(file + ": " + ExecCommand.oneLine(e.getMessage()), e);
            }
            config.warnings().forEach(w -> err.println("sanssh: warning: " + w));
            HostConfig hc = config.forHost(alias, settings.user);
            for (Map.Entry<String, List<String>> e : hc.values().entrySet()) {
                if (ClientSettings.CONFIG_KEYWORDS.contains(e.getKey())) {
                    try {
                        settings.option(e.getKey() + "=" + e.getValue().get(0));
                    } catch (UsageException bad) {
                        throw new IOException(file + ": " + bad.getMessage(), bad);
                    }
                }
            }
            String localUser = System.getProperty("user.name");
            settings.identities.addAll(hc.identityFiles(localUser, settings.user != null ? settings.user : localUser));
        }
        return settings.hostName != null ? settings.hostName.replace("%h", alias) : alias;
    }

    /** Reads identity files into keys (asking for passphrases as the command allows). */
    interface KeyLoader {
        List<SshKeyPair> load(List<Path> files) throws IOException;
    }

    /**
     * Connects to {@code host:port}, through the jump hosts of {@code settings.proxyJump} when
     * there are any. As ssh, a jump host's HostName, Port, User and IdentityFile come from its own
     * Host section: it is offered the keys of its IdentityFile lines (read with {@code loadKeys})
     * first, then {@code keys}, and {@code password}. Returns the destination's session after its
     * key exchange, not yet authenticated. The jump sessions stay open until {@link #close}.
     */
    SshSession connect(ClientSettings settings, String host, int port, ClientOptions options, List<SshKeyPair> keys,
                       Supplier<String> password, KeyLoader loadKeys) throws IOException, UsageException {
        SshSession via = null;
        for (Jump j : Jump.parseList(settings.proxyJump)) {
            HostConfig jc = config.forHost(j.host(), j.user());
            String jumpUser = j.user() != null ? j.user()
                    : jc.get("user") != null ? jc.get("user") : System.getProperty("user.name");
            int jumpPort = j.port() != null ? j.port()
                    : jc.get("port") != null ? ClientSettings.port(jc.get("port")) : 22;
            via = via == null ? SshClient.connect(jc.hostName(), jumpPort, options)
                    : JumpHost.connect(via, jc.hostName(), jumpPort, options);
            hops.add(via);
            List<SshKeyPair> jumpKeys = new ArrayList<>(loadKeys.load(jc.identityFiles(System.getProperty("user.name"),
                    jumpUser)));
            jumpKeys.addAll(keys);
            via.authenticate(jumpUser, jumpKeys, password);
        }
        return via == null ? SshClient.connect(host, port, options) : JumpHost.connect(via, host, port, options);
    }

    /** Closes the jump sessions, last hop first. Idempotent. */
    @Override
    public void close() {
        for (int i = hops.size() - 1; i >= 0; i--) {
            hops.get(i).close();
        }
        hops.clear();
    }
}
