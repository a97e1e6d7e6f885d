package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssh_config(5) {@code Match} evaluation order and criteria, and {@code Include} resolution. */
class OpenSshConfigMatchIncludeTest {
    private static final String LOCAL_USER = System.getProperty("user.name");

    @TempDir
    Path home;

    private static OpenSshConfig parse(String... lines) {
        return OpenSshConfig.parse(String.join("\n", lines));
    }

    private Path write(String name, String... lines) throws Exception {
        Path f = home.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    @Test
    void matchHostSeesTheHostNameObtainedSoFarAndOriginalHostTheTypedOne() {
        OpenSshConfig c = parse(
                "Host short",
                "    HostName %h.example.org",
                "Match host *.example.org",
                "    Port 2201",
                "Match originalhost short",
                "    User typed",
                "Match host plain",
                "    Port 9");
        assertEquals("2201", c.forHost("short").get("port"));
        assertEquals("typed", c.forHost("short").get("user"));
        assertEquals("2201", c.forHost("long.example.org").get("port"));
        assertNull(c.forHost("long.example.org").get("user"));
        assertEquals("9", c.forHost("PLAIN").get("port"), "without HostName, host is the typed name; case-insensitive");
    }

    @Test
    void matchUserUsesTheCommandLineUserElseTheUserObtainedSoFar() {
        OpenSshConfig c = parse(
                "Match user alice,bob !localuser nobody-has-this-name",
                "    Port 1000",
                "Match user carol",
                "    Port 2000",
                "Host *",
                "    User carol",
                "Match user carol localuser " + LOCAL_USER,
                "    IdentityFile /k/carol",
                "Match !all",
                "    IdentityFile /k/never",
                "Match all",
                "    IdentityFile /k/always");
        assertEquals("1000", c.forHost("h", "alice").get("port"));
        assertNull(c.forHost("h", "Alice").get("port"), "user names compare exactly");
        HostConfig noUser = c.forHost("h");
        assertNull(noUser.get("port"), "'Match user carol' is tested before 'User carol' is read");
        assertEquals("carol", noUser.get("user"));
        assertEquals(List.of("/k/carol", "/k/always"), noUser.values().get("identityfile"));
        assertEquals(List.of("/k/always"), c.forHost("h", "dave").values().get("identityfile"));
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void criteriaSansshCannotEvaluateNeverApplyWithAWarningNamingTheLine() {
        OpenSshConfig c = parse(
                "Match exec \"true\" host *",
                "    Port 1",
                "Match !exec false",
                "    Port 2",
                "Match localnetwork 127.0.0.0/8",
                "    Port 3",
                "Match final tagged t",
                "    Port 4",
                "Match canonical",
                "    User after-first-pass",
                "Host *",
                "    Port 22");
        assertEquals("22", c.forHost("x").get("port"));
        assertEquals("after-first-pass", c.forHost("x").get("user"),
                "'final' on a line that never applies still asks for the final pass");
        assertEquals(4, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).startsWith("line 1: Match exec true host *: exec not supported"),
                c.warnings().get(0));
        assertTrue(c.warnings().get(2).startsWith("line 5: Match localnetwork 127.0.0.0/8: localnetwork not supported"),
                c.warnings().get(2));
    }

    @Test
    void malformedMatchLinesAreTypedErrorsNamingTheLine() {
        String[][] bad = {
            {"Match hots x", "unsupported Match criterion 'hots'"},
            {"Match host", "Match host needs an argument"},
            {"Match all host x", "'all' cannot be combined"},
            {"Match host x all", "'all' cannot be combined"},
            {"Match final canonical all", "'all' cannot be combined"},
        };
        for (String[] b : bad) {
            OpenSshConfigException e = assertThrows(OpenSshConfigException.class, () -> parse("Port 1", b[0]), b[0]);
            assertEquals(2, e.line(), b[0]);
            assertNull(e.file());
            assertTrue(e.getMessage().startsWith("line 2: " + b[1]), e.getMessage());
        }
    }

    @Test
    void includeResolvesUnderDotSshInLexicalOrderAndOnlyInsideASectionThatApplies() throws Exception {
        write(".ssh/config.d/b.conf", "Port 2222", "User from-b");
        write(".ssh/config.d/a.conf", "Port 1111", "Host other", "    User leaked-from-a");
        write(".ssh/config.d/.hidden.conf", "Port 3333");
        write(".ssh/config.d/c.txt", "Port 4444");
        write("abs.conf", "Compression yes");
        Path top = write(".ssh/config",
                "Host inc",
                "    Include config.d/*.conf ~/abs.conf " + home.resolve("abs.conf") + " config.d/none-*",
                "    ForwardAgent yes",
                "Host *",
                "    Port 22");
        OpenSshConfig c = OpenSshConfig.read(top, home);
        HostConfig inc = c.forHost("inc");
        assertEquals("1111", inc.get("port"), "a.conf before b.conf; dot files and other suffixes not matched");
        assertEquals("from-b", inc.get("user"), "a Host line in a.conf ends with a.conf");
        assertEquals("yes", inc.get("compression"));
        assertEquals("yes", inc.get("forwardagent"), "the including section goes on after the include");
        HostConfig other = c.forHost("x");
        assertEquals("22", other.get("port"), "an include inside a section that does not apply is not used");
        assertNull(other.get("compression"));
    }

    @Test
    void includeNestsAtMostSixteenDeepAndErrorsNameTheIncludedFile() throws Exception {
        for (int i = 1; i <= 17; i++) {
            write(".ssh/level" + i, i == 17 ? "Port 17" : "Include level" + (i + 1));
        }
        write(".ssh/level16", "Port 16");
        OpenSshConfig ok = OpenSshConfig.read(write(".ssh/config", "Include level1"), home);
        assertEquals("16", ok.forHost("x").get("port"), "the top file plus 16 levels of includes");
        write(".ssh/level16", "Include level17");
        OpenSshConfigException deep = assertThrows(OpenSshConfigException.class,
                () -> OpenSshConfig.read(home.resolve(".ssh/config"), home));
        assertEquals(home.resolve(".ssh/level16"), deep.file());
        assertTrue(deep.getMessage().contains("16 deep"), deep.getMessage());
        Path self = write(".ssh/self", "Include self");
        assertThrows(OpenSshConfigException.class, () -> OpenSshConfig.read(self, home));
        Path broken = write(".ssh/broken", "Host x", "    Port");
        OpenSshConfigException e = assertThrows(OpenSshConfigException.class,
                () -> OpenSshConfig.read(write(".ssh/config2", "Host never", "Include broken"), home));
        assertEquals(broken, e.file(), "a broken include is reported even where its section does not apply");
        assertEquals(2, e.line());
    }
}
