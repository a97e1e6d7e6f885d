package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ~/.ssh/config subset: sections, patterns, first value wins, tokens. */
class OpenSshConfigTest {
    private static final String CONFIG = String.join("\n",
            "# global defaults come first in effect only where nothing earlier set them",
            "ServerAliveInterval 30",
            "",
            "Host build *.corp !secret.corp",
            "    HostName %h.example.net",
            "    User=builder",
            "    Port 2222",
            "    IdentityFile ~/.ssh/id_%r_%h",
            "    IdentityFile \"/keys/with space/%u %d %%\"",
            "",
            "Host build",
            "    Port 2200",
            "    User other",
            "    IdentityFile /keys/second",
            "",
            "Host web?",
            "    ProxyJump jump@bastion:2022,inner",
            "",
            "Match user alice",
            "    Port 1",
            "Match exec \"test -e /nonexistent\"",
            "    Port 3",
            "",
            "Host *",
            "    Port 22",
            "    ServerAliveInterval 5",
            "    StrictHostKeyChecking accept-new",
            "");

    private final OpenSshConfig config = OpenSshConfig.parse(CONFIG);

    @Test
    void theFirstValueWinsAcrossSectionsAndIdentityFilesAccumulate() {
        HostConfig c = config.forHost("build");
        assertEquals("build.example.net", c.hostName());
        assertEquals("builder", c.get("User"));
        assertEquals("2222", c.get("port"));
        assertEquals("30", c.get("ServerAliveInterval"), "a global line before any Host applies, and comes first");
        assertEquals("accept-new", c.get("stricthostkeychecking"));
        String home = System.getProperty("user.home");
        assertEquals(List.of(Path.of(home, ".ssh/id_bob_build.example.net"), Path.of("/keys/with space/me " + home + " %"),
                Path.of("/keys/second")), c.identityFiles("me", "bob"));
    }

    @Test
    void patternsUseWildcardsAndNegation() {
        assertEquals("2222", config.forHost("db.corp").get("port"));
        assertEquals("22", config.forHost("secret.corp").get("port"), "!secret.corp excludes the first section");
        assertEquals("secret.corp", config.forHost("secret.corp").hostName());
        assertEquals("jump@bastion:2022,inner", config.forHost("web1").get("ProxyJump"));
        assertNull(config.forHost("web12").get("ProxyJump"), "? is exactly one character");
        assertTrue(ConfigCondition.matches(List.of("*"), "anything", true));
        assertFalse(ConfigCondition.matches(List.of("!a"), "b", true), "only negated patterns never match");
        assertTrue(ConfigCondition.matches(List.of("BUILD"), "build", true), "case-insensitive");
        assertFalse(ConfigCondition.matches(List.of("BOB"), "bob", false), "user names compare exactly");
    }

    @Test
    void matchUserSeesTheCommandLineUserAndExecIsSkippedWithAWarning() {
        assertEquals("1", config.forHost("alice-host", "alice").get("port"));
        assertEquals("22", config.forHost("alice-host", "bob").get("port"));
        assertEquals(1, config.warnings().size(), config.warnings().toString());
        assertTrue(config.warnings().get(0).startsWith("line 21: Match exec test -e /nonexistent: exec not supported"),
                config.warnings().toString());
    }

    @Test
    void badLinesNameTheirLine() {
        OpenSshConfigException e = assertThrows(OpenSshConfigException.class,
                () -> OpenSshConfig.parse("Host x\n  Port\n"));
        assertTrue(e.getMessage().startsWith("line 2:"), e.getMessage());
        assertEquals(2, e.line());
        assertThrows(IllegalArgumentException.class, () -> OpenSshConfig.parse("IdentityFile \"/unclosed\n"));
        assertTrue(OpenSshConfig.empty().forHost("x").values().isEmpty());
    }
}
