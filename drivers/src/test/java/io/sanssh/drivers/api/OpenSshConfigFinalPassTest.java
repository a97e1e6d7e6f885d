package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.drivers.testing.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Match final} and {@code Match canonical} (ssh_config(5)), checked against OpenSSH itself:
 * for each small config file and host, the values Sanssh resolves must equal what
 * {@code ssh -G -F FILE [-l USER] HOST} prints (it evaluates the file without connecting). Host
 * names with two dots keep ssh's {@code CanonicalizeHostname} away from DNS ({@code
 * CanonicalizeMaxDots} is 1). Skipped where OpenSSH is not installed.
 */
@Timeout(60)
class OpenSshConfigFinalPassTest {
    private static final Path SSH = Path.of("/usr/bin/ssh");
    private static final String LOCAL_USER = System.getProperty("user.name");

    @TempDir
    Path home;

    @BeforeEach
    void needsSsh() {
        assumeTrue(Files.isExecutable(SSH), "OpenSSH ssh not installed");
    }

    @Test
    void finalAndCanonicalMatchOnlyInTheFinalPassWhichOnlyFinalRequests() throws Exception {
        Path both = write("both.conf", """
                Match canonical
                    Port 1001
                Match final
                    Port 1002
                Match canonical all
                    User canon
                Match final all
                    Compression yes
                """);
        assertEquals("1001", agree(both, "x.example.org", null).get("port"),
                "canonical holds in the pass 'final' asked for, and comes first");
        assertEquals("canon", agree(both, "x.example.org", null).get("user"));
        Path canonicalOnly = write("canonical.conf", """
                Match canonical
                    User canon
                Match canonical all
                    Port 1001
                """);
        assertEquals(null, agree(canonicalOnly, "x.example.org", null).get("user"),
                "without 'final' or CanonicalizeHostname there is no second pass");
    }

    @Test
    void negatedFinalAppliesInTheFirstPassAndItsValuesWin() throws Exception {
        Path f = write("negated.conf", """
                Match !final
                    Port 1003
                Match final
                    Port 1004
                    User fin
                Match !canonical
                    ForwardAgent yes
                Match final !all
                    User never
                """);
        HostConfig c = agree(f, "x.example.org", null);
        assertEquals("1003", c.get("port"));
        assertEquals("fin", c.get("user"));
        assertEquals("yes", c.get("forwardagent"));
        agree(f, "x.example.org", "alice");
    }

    @Test
    void hostPatternsInTheFinalPassSeeTheHostNameOfTheFirstPass() throws Exception {
        Path inc = write("inc-final.conf", """
                Match final
                    Port 5
                """);
        Path f = write("hosts.conf", """
                Host alias
                    HostName renamed.example.org
                    Include INC
                Host short
                    HostName %h.example.org
                Host *.example.org
                    Port 2001
                Match host *.example.org final
                    User finaluser
                Match originalhost short final
                    Compression yes
                Host short
                    IdentityFile /k/first
                Match final
                    HostName other.example.net
                    IdentityFile /k/final-%h
                Match final host other.example.net
                    ForwardAgent yes
                """.replace("INC", inc.toString()));
        HostConfig s = agree(f, "short", null);
        assertEquals("2001", s.get("port"), "Host *.example.org matches short.example.org in the final pass");
        assertEquals("finaluser", s.get("user"));
        assertEquals("short.example.org", s.hostName(), "HostName lines of the final pass are ignored");
        assertEquals(List.of("/k/first", "/k/final-%h"), s.values().get("identityfile"));
        HostConfig a = agree(f, "alias", null);
        assertEquals("2001", a.get("port"), "Host alias no longer matches in the final pass, so its include does not");
        assertEquals("finaluser", a.get("user"));
        agree(f, "plain.example.org", null);
        agree(f, "plain.example.org", "bob");
        agree(f, "nodots", null);
    }

    @Test
    void withoutAnyHostNameTheFinalPassKeepsTheHostAsTyped() throws Exception {
        Path f = write("nohostname.conf", """
                Match final
                    HostName y.example.org
                    Port 6
                Match final host y.example.org
                    User moved
                """);
        HostConfig c = agree(f, "x.example.org", null);
        assertEquals("x.example.org", c.hostName());
        assertEquals(null, c.get("user"));
    }

    @Test
    void finalAnywhereRequestsTheFinalPassEvenWhereItsLineNeverApplies() throws Exception {
        Path inc = write("inc-final.conf", "Match final\n    Port 5\n");
        String[] asking = {
            "Host never\n    Include " + inc + "\n",
            "Match host nomatch final\n    Port 7\n",
            "Match final !all\n    Port 8\n",
            "Match exec false final\n    Port 9\n",
        };
        for (int i = 0; i < asking.length; i++) {
            Path f = write("asking" + i + ".conf", asking[i] + "Match canonical\n    User canon\n");
            assertEquals("canon", agree(f, "x.example.org", null).get("user"), asking[i]);
        }
    }

    @Test
    void matchUserInTheFinalPassSeesTheUserOfTheFirstPass() throws Exception {
        Path f = write("user.conf", """
                Match user bob final
                    Port 3001
                Host *.example.org
                    User bob
                Match user bob !final
                    Compression yes
                Match user carol final
                    Port 3003
                """);
        HostConfig bob = agree(f, "x.example.org", null);
        assertEquals("3001", bob.get("port"));
        assertEquals("yes", bob.get("compression"));
        assertEquals("3003", agree(f, "x.example.org", "carol").get("port"));
        assertEquals(null, agree(f, "x.other.net", null).get("port"));
    }

    @Test
    void canonicalizeHostnameAlsoCausesTheFinalPassWithTheNameUnchanged() throws Exception {
        Path f = write("canonicalize.conf", """
                Host a.b.c
                    HostName Q.R.S
                    CanonicalizeHostname YES
                Host proxied.example.org
                    ProxyJump jump.example.org
                    CanonicalizeHostname yes
                Host q.r.s
                    Port 9
                Match canonical
                    User canon
                """);
        HostConfig c = agree(f, "a.b.c", null);
        assertEquals("9", c.get("port"));
        assertEquals("canon", c.get("user"));
        assertEquals("canon", agree(f, "proxied.example.org", null).get("user"),
                "ssh does not canonicalize a proxied host under 'yes', yet reads the file again");
        assertEquals(null, agree(f, "other.example.org", null).get("user"));
    }

    /**
     * Resolves {@code host} with Sanssh and with {@code ssh -G}, asserts that host name, port,
     * user, identity files, compression and agent forwarding agree, and returns Sanssh's result.
     */
    private HostConfig agree(Path config, String host, String user) throws Exception {
        HostConfig c = OpenSshConfig.read(config, home).forHost(host, user);
        Map<String, List<String>> ssh = sshG(config, host, user);
        String what = config.getFileName() + " " + (user == null ? "" : user + "@") + host;
        assertEquals(ssh.get("hostname"), List.of(c.hostName().toLowerCase(Locale.ROOT)), what);
        assertEquals(ssh.get("port"), List.of(orDefault(c.get("port"), "22")), what);
        String remoteUser = user != null ? user : orDefault(c.get("user"), LOCAL_USER);
        assertEquals(ssh.get("user"), List.of(remoteUser), what);
        assertEquals(ssh.get("compression"), List.of(orDefault(c.get("compression"), "no")), what);
        assertEquals(ssh.get("forwardagent"), List.of(orDefault(c.get("forwardagent"), "no")), what);
        List<String> identities = c.values().get("identityfile");
        if (identities != null) {
            assertEquals(ssh.get("identityfile"), identities, what);
        }
        return c;
    }

    private static String orDefault(String value, String otherwise) {
        return value == null ? otherwise : value;
    }

    /** What {@code ssh -G} prints for {@code host}: keyword to its values, in order. */
    private Map<String, List<String>> sshG(Path config, String host, String user) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(SSH.toString(), "-G", "-F", config.toString()));
        if (user != null) {
            cmd.addAll(List.of("-l", user));
        }
        cmd.add(host);
        ProcessRun.Result r = ProcessRun.run(cmd, home, new byte[0]);
        assertEquals(0, r.exit(), r.err());
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : r.out().split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                out.computeIfAbsent(line.substring(0, sp), k -> new ArrayList<>()).add(line.substring(sp + 1));
            }
        }
        return out;
    }

    private Path write(String name, String text) throws Exception {
        Path f = home.resolve(name);
        Files.writeString(f, text);
        return f;
    }
}
