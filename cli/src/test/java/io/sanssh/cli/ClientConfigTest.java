package io.sanssh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.api.ForwardingPolicy;
import io.sanssh.drivers.api.HostKeyFiles;
import io.sanssh.drivers.api.ServerOptions;
import io.sanssh.drivers.api.SshServer;
import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -F CONFIG} and {@code -J} of {@code sanssh exec} and {@code sanssh sftp}: an OpenSSH-style
 * config file and jump hosts, end to end against in-process Sanssh servers.
 */
@Timeout(120)
class ClientConfigTest {
    @TempDir
    Path dir;
    private SshServer target;
    private SshServer jump;

    @BeforeEach
    void startServers() throws Exception {
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, new SecureRandom());
        Files.createDirectories(dir.resolve("keys"));
        HostKeyFiles.writeNew(dir.resolve("keys/id_" + System.getProperty("user.name")), user, "test");
        HostKeyFiles.writeNew(dir.resolve("keys/id_cfguser"), user, "test");
        String authorized = PublicKeys.toOpenSshLine(user.publicKey(), "test");
        target = SshServer.start(ServerOptions.builder().hostKeyFile(dir.resolve("target_key"))
                .publicKeyAuthenticator(AuthorizedKeys.parse(authorized)).sftpRoot(dir).build());
        jump = SshServer.start(ServerOptions.builder().hostKeyFile(dir.resolve("jump_key"))
                .publicKeyAuthenticator(AuthorizedKeys.parse(authorized)).sftpRoot(dir)
                .forwardingPolicy(ForwardingPolicy.LOOPBACK_LISTENERS).build());
    }

    @AfterEach
    void stopServers() {
        target.close();
        jump.close();
    }

    private Path config(String extra) throws Exception {
        Path f = dir.resolve("config");
        Files.writeString(f, String.join("\n",
                "Host myalias other",
                "    HostName 127.0.0.1",
                "    Port " + target.port(),
                "    IdentityFile " + dir.resolve("keys") + "/id_%u",
                "    UserKnownHostsFile " + dir.resolve("known_hosts"),
                "    StrictHostKeyChecking accept-new",
                "    BatchMode yes",
                extra,
                "Host sftpalias",
                "    HostName 127.0.0.1",
                "    Port " + target.port(),
                "    User cfguser",
                "    IdentityFile " + dir.resolve("keys") + "/id_%r",
                "    UserKnownHostsFile " + dir.resolve("known_hosts"),
                "    StrictHostKeyChecking accept-new",
                "Host jumpbox",
                "    HostName 127.0.0.1",
                "    Port " + jump.port(),
                "Host *",
                "    Port 1",
                ""));
        return f;
    }

    @Test
    void aConfigAliasGivesHostPortIdentityAndKnownHosts() throws Exception {
        MainTest.Run r = MainTest.sanssh(new byte[0], "exec", "-F", config("").toString(), "-n", "myalias",
                "echo", "via config");
        assertEquals(0, r.status(), r.err());
        assertEquals("via config\n", r.out());
        assertEquals(1, Files.readAllLines(dir.resolve("known_hosts")).size(),
                "accept-new and UserKnownHostsFile from the config recorded the host");
    }

    @Test
    void commandLineOptionsWinOverTheConfig() throws Exception {
        Path f = config("");
        MainTest.Run wrong = MainTest.sanssh(new byte[0], "exec", "-F", f.toString(), "-n", "-p", "1", "myalias", "true");
        assertEquals(255, wrong.status(), "-p 1 wins over the config's Port: " + wrong.err());
        MainTest.Run right = MainTest.sanssh(new byte[0], "exec", "-F", f.toString(), "-n", "-o", "Port=" + target.port(),
                "-o", "HostName=localhost", "unlisted", "echo", "ok");
        assertEquals(255, right.status(), "'unlisted' only gets Host * (Port 1) and no identity: " + right.err());
        MainTest.Run viaO = MainTest.sanssh(new byte[0], "exec", "-F", f.toString(), "-n", "-o", "HostName=127.0.0.1",
                "other", "echo", "ok");
        assertEquals(0, viaO.status(), viaO.err());
    }

    @Test
    void jumpHostsFromTheCommandLineAndFromProxyJump() throws Exception {
        String j = "127.0.0.1:" + jump.port();
        MainTest.Run r = MainTest.sanssh(new byte[0], "exec", "-F", config("").toString(), "-n", "-J", j, "myalias",
                "echo", "through the jump host");
        assertEquals(0, r.status(), r.err());
        assertEquals("through the jump host\n", r.out());
        MainTest.Run twice = MainTest.sanssh(new byte[0], "exec", "-F", config("    ProxyJump " + j + "," + j).toString(),
                "-n", "myalias", "echo", "two hops");
        assertEquals(0, twice.status(), twice.err());
        assertEquals("two hops\n", twice.out());
        MainTest.Run refused = MainTest.sanssh(new byte[0], "exec", "-F", config("").toString(), "-n", "-J",
                "127.0.0.1:" + target.port(), "myalias", "true");
        assertEquals(255, refused.status());
        assertTrue(refused.err().contains("could not reach"), refused.err());
    }

    @Test
    void aJumpHostAliasTakesHostNameAndPortFromItsOwnSection() throws Exception {
        MainTest.Run r = MainTest.sanssh(new byte[0], "exec", "-F", config("    ProxyJump jumpbox").toString(), "-n",
                "myalias", "echo", "via jumpbox");
        assertEquals(0, r.status(), r.err());
        assertEquals("via jumpbox\n", r.out());
    }

    private MainTest.Run sftp(String... argsThenCommands) throws Exception {
        List<String> args = new ArrayList<>(List.of("sftp"));
        List<String> commands = new ArrayList<>();
        boolean inCommands = false;
        for (String a : argsThenCommands) {
            if (a.equals("--commands")) {
                inCommands = true;
            } else {
                (inCommands ? commands : args).add(a);
            }
        }
        Path batch = dir.resolve("batch");
        Files.write(batch, commands);
        args.addAll(args.size() - 1, List.of("-b", batch.toString()));
        return MainTest.sanssh(new byte[0], args.toArray(String[]::new));
    }

    @Test
    void sftpTakesHostNamePortUserAndIdentityFromTheConfig() throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hello");
        MainTest.Run r = sftp("-F", config("").toString(), "sftpalias", "--commands", "pwd", "ls hello.txt");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("Remote working directory: /"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.equals("hello.txt")), r.out());
        assertEquals(1, Files.readAllLines(dir.resolve("known_hosts")).size());

        // the key file is id_%r: only the config's User (cfguser) finds it; -l wins over User
        MainTest.Run otherUser = sftp("-F", config("").toString(), "-l", "someone", "sftpalias", "--commands", "pwd");
        assertEquals(255, otherUser.status(), otherUser.out() + otherUser.err());
        MainTest.Run badConfig = sftp("-F", dir.resolve("missing-config").toString(), "sftpalias", "--commands", "pwd");
        assertEquals(255, badConfig.status());
        assertEquals(1, badConfig.err().lines().count(), badConfig.err());
    }

    @Test
    void sftpGoesThroughAJumpHost() throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hello");
        Path local = Files.createDirectories(dir.resolve("local"));
        MainTest.Run r = sftp("-F", config("").toString(), "-J", "127.0.0.1:" + jump.port(), "sftpalias",
                "--commands", "lcd " + local, "get hello.txt");
        assertEquals(0, r.status(), r.out() + r.err());
        assertEquals("hello", Files.readString(local.resolve("hello.txt")));
        MainTest.Run viaAlias = sftp("-F", config("").toString(), "-J", "jumpbox", "sftpalias", "--commands", "pwd");
        assertEquals(0, viaAlias.status(), viaAlias.out() + viaAlias.err());
        MainTest.Run refused = sftp("-F", config("").toString(), "-J", "127.0.0.1:" + target.port(), "sftpalias",
                "--commands", "pwd");
        assertEquals(255, refused.status());
        assertTrue(refused.err().contains("could not reach"), refused.err());
    }
}
