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

    @Test
    void includeAndMatchChooseTheTargetThroughExecF() throws Exception {
        Path target = dir.resolve("target.conf");
        Files.writeString(target, String.join("\n",
                "Port " + this.target.port(),
                "IdentityFile " + dir.resolve("keys") + "/id_%u",
                "UserKnownHostsFile " + dir.resolve("known_hosts"),
                "StrictHostKeyChecking accept-new",
                "BatchMode yes",
                ""));
        Path f = dir.resolve("matching_config");
        Files.writeString(f, String.join("\n",
                "Match originalhost viamatch",
                "    HostName 127.0.0.1",
                "Match host 127.0.0.1 localuser " + System.getProperty("user.name"),
                "    Include " + target,
                "Match exec \"true\"",
                "    Port 2",
                "Host *",
                "    Port 1",
                ""));
        MainTest.Run r = MainTest.sanssh(new byte[0], "exec", "-F", f.toString(), "-n", "viamatch", "echo", "matched");
        assertEquals(0, r.status(), r.err());
        assertEquals("matched\n", r.out());
        assertTrue(r.err().contains("sanssh: warning: " + f + " line 5: Match exec true: exec not supported"), r.err());
        MainTest.Run miss = MainTest.sanssh(new byte[0], "exec", "-F", f.toString(), "-n", "elsewhere", "true");
        assertEquals(255, miss.status(), "no Match applies, so Port 1: " + miss.err());
        Files.writeString(f, "Match hots x\n");
        MainTest.Run bad = MainTest.sanssh(new byte[0], "exec", "-F", f.toString(), "-n", "viamatch", "true");
        assertEquals(255, bad.status());
        assertTrue(bad.err().contains(f + " line 1: unsupported Match criterion 'hots'"), bad.err());
    }

    @Test
    void aJumpHostIsOfferedTheIdentityFileOfItsOwnSection() throws Exception {
        SshKeyPair jumpOnly = KeyPairs.generate(PublicKeys.ED25519, 0, new SecureRandom());
        HostKeyFiles.writeNew(dir.resolve("keys/jump_only"), jumpOnly, "test");
        try (SshServer keyJump = SshServer.start(ServerOptions.builder().hostKeyFile(dir.resolve("keyjump_key"))
                .publicKeyAuthenticator(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(jumpOnly.publicKey(), "j")))
                .forwardingPolicy(ForwardingPolicy.LOOPBACK_LISTENERS).build())) {
            String section = String.join("\n", "    ProxyJump keyjump", "Host keyjump", "    HostName 127.0.0.1",
                    "    Port " + keyJump.port(), "    IdentityFile " + dir.resolve("keys/jump_only"));
            MainTest.Run r = MainTest.sanssh(new byte[0], "exec", "-F", config(section).toString(), "-n", "myalias",
                    "echo", "jump key from its section");
            assertEquals(0, r.status(), r.err());
            assertEquals("jump key from its section\n", r.out());
            MainTest.Run without = MainTest.sanssh(new byte[0], "exec", "-F", config("    ProxyJump 127.0.0.1:"
                    + keyJump.port()).toString(), "-n", "myalias", "true");
            assertEquals(255, without.status(), "the destination's key alone does not open the jump host: "
                    + without.err());
        }
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
        assertTrue(r.out().lines().anyMatch(l -> l.stripTrailing().equals("hello.txt")), r.out());  // ls pads its columns as OpenSSH does
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
