package io.sanssh.modeltests.machines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sanssh.engine.channel.ChannelLifecycle;
import io.sanssh.engine.lifecycle.ConnectionPhase;
import io.sanssh.engine.sftp.SftpLifecycle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Ties the squirrel lifecycle machines to the TLA+ specs in {@code tla/}: every trigger of every
 * machine is either mapped to the spec actions it corresponds to, and each such action must be
 * defined in that spec, or explicitly listed as not modelled, with the reason. Renaming an action
 * in a spec, or adding a trigger to a machine, fails here until the table below is updated.
 */
class MachinesMatchTlaActionsTest {
    private static final Path TLA = Path.of("..", "tla");

    /** A spec action: module and operator name. */
    private record Action(String module, String name) {
        @Override
        public String toString() {
            return module + "!" + name;
        }
    }

    private static Action a(String module, String name) {
        return new Action(module, name);
    }

    /** Trigger (as Machine.TRIGGER) to the spec actions it corresponds to. */
    private static final Map<String, List<Action>> MAPPED = new LinkedHashMap<>();

    /** Trigger (as Machine.TRIGGER) to why no spec models it. */
    private static final Map<String, String> NOT_MODELLED = new LinkedHashMap<>();

    static {
        // ConnectionPhase: the KEX gating and the outbound queue model the key exchange and the end.
        MAPPED.put("ConnectionPhase.KEX_STARTED", List.of(
                a("KexGating", "StartKex"), a("KexGating", "PeerKexInit"),
                a("OutboundQueue", "RekeyRequested"), a("OutboundQueue", "StartKex"),
                a("OutboundQueue", "PeerKexInit")));
        MAPPED.put("ConnectionPhase.KEX_DONE", List.of(a("KexGating", "NewKeys"), a("OutboundQueue", "NewKeys")));
        MAPPED.put("ConnectionPhase.CLOSE", List.of(
                a("KexGating", "Disconnect"), a("OutboundQueue", "Disconnect"), a("OutboundQueue", "PeerFault")));
        NOT_MODELLED.put("ConnectionPhase.VERSION_RECEIVED",
                "the version exchange is plain text before any packet; the specs start with packets flowing");
        NOT_MODELLED.put("ConnectionPhase.AUTHENTICATED",
                "user authentication is not modelled; the specs treat the connection as one phase after KEX");

        // ChannelLifecycle: ChannelModel starts with channels open and models the CLOSE handshake.
        MAPPED.put("ChannelLifecycle.LOCAL_CLOSE", List.of(a("ChannelModel", "AppClose")));
        MAPPED.put("ChannelLifecycle.PEER_CLOSE", List.of(
                a("ChannelModel", "PeerClose"), a("ChannelModel", "CloseEcho"), a("OutboundQueue", "PeerClose"),
                a("OutboundQueue", "CloseEcho")));
        String opening = "ChannelModel's Init has every channel already open: the CHANNEL_OPEN exchange is not modelled";
        NOT_MODELLED.put("ChannelLifecycle.CONFIRMED", opening);
        NOT_MODELLED.put("ChannelLifecycle.OPEN_FAILED", opening);
        NOT_MODELLED.put("ChannelLifecycle.ACCEPTED", opening);
        NOT_MODELLED.put("ChannelLifecycle.REJECTED", opening);

        // SftpLifecycle: no SFTP spec exists.
        String sftp = "no TLA+ spec models SFTP; its ordering is checked by the engine's SFTP tests";
        for (SftpLifecycle.Trigger t : SftpLifecycle.Trigger.values()) {
            NOT_MODELLED.put("SftpLifecycle." + t.name(), sftp);
        }
    }

    private static List<String> triggers() {
        List<String> all = new ArrayList<>();
        for (ConnectionPhase.Trigger t : ConnectionPhase.Trigger.values()) {
            all.add("ConnectionPhase." + t.name());
        }
        for (ChannelLifecycle.Trigger t : ChannelLifecycle.Trigger.values()) {
            all.add("ChannelLifecycle." + t.name());
        }
        for (SftpLifecycle.Trigger t : SftpLifecycle.Trigger.values()) {
            all.add("SftpLifecycle." + t.name());
        }
        return all;
    }

    private static boolean defines(String specText, String name) {
        return Pattern.compile("^" + Pattern.quote(name) + "(\\(|\\s*==)", Pattern.MULTILINE).matcher(specText).find();
    }

    @Test
    void everyTriggerIsMappedOrExplicitlyNotModelled() {
        List<String> all = triggers();
        for (String t : all) {
            boolean mapped = MAPPED.containsKey(t);
            boolean excused = NOT_MODELLED.containsKey(t);
            if (mapped == excused) {
                fail(t + (mapped ? " is both mapped and listed as not modelled"
                        : " is neither mapped to a TLA+ action nor listed as not modelled (with a reason)"));
            }
            if (excused) {
                assertFalse(NOT_MODELLED.get(t).isBlank(), t + ": a reason is required");
            } else {
                assertFalse(MAPPED.get(t).isEmpty(), t + ": mapped to no action");
            }
        }
        Set<String> stale = new HashSet<>(MAPPED.keySet());
        stale.addAll(NOT_MODELLED.keySet());
        stale.removeAll(all);
        assertEquals(Set.of(), stale, "entries for triggers that no machine has");
    }

    @Test
    void everyMappedActionIsDefinedInItsSpec() throws IOException {
        Map<String, String> specs = new LinkedHashMap<>();
        for (String module : List.of("OutboundQueue", "KexGating", "ChannelModel")) {
            Path p = TLA.resolve(module + ".tla");
            assertTrue(Files.exists(p), p.toAbsolutePath() + " exists");
            specs.put(module, Files.readString(p));
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<Action>> e : MAPPED.entrySet()) {
            for (Action action : e.getValue()) {
                String text = specs.get(action.module());
                if (text == null) {
                    missing.add(e.getKey() + " -> " + action + " (no such spec)");
                } else if (!defines(text, action.name())) {
                    missing.add(e.getKey() + " -> " + action + " (not defined in " + action.module() + ".tla)");
                }
            }
        }
        assertEquals(List.of(), missing, "mapped TLA+ actions that the specs do not define");
    }

    @Test
    void theDefinitionCheckRejectsUndefinedNames() {
        String spec = "Foo == 1\nBar(x) == x\n  Baz == 2\nQux ==\n";
        assertTrue(defines(spec, "Foo"));
        assertTrue(defines(spec, "Bar"));
        assertTrue(defines(spec, "Qux"));
        assertFalse(defines(spec, "Baz"), "only definitions at the start of a line count");
        assertFalse(defines(spec, "Fo"));
    }
}
