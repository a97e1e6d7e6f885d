package io.sanssh.modeltests.machines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.channel.ChannelLifecycle;
import io.sanssh.engine.lifecycle.ConnectionPhase;
import io.sanssh.engine.sftp.SftpLifecycle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.squirrelframework.foundation.component.SquirrelProvider;
import org.squirrelframework.foundation.fsm.DotVisitor;
import org.squirrelframework.foundation.fsm.StateMachine;

/**
 * Exports every squirrel-foundation lifecycle machine as a DOT diagram and compares it with the
 * committed copy in {@code docs/state-machines/}, so the diagrams cannot drift from the tables.
 * Run with {@code -Dsanssh.updateDiagrams=true} to rewrite the committed files after changing a
 * table.
 */
class StateMachineDiagramsTest {
    static final Path DIAGRAMS = Path.of("..", "docs", "state-machines");

    /** The machines, by diagram name. */
    static Map<String, StateMachine<?, ?, ?, ?>> machines() {
        Map<String, StateMachine<?, ?, ?, ?>> m = new LinkedHashMap<>();
        m.put("ConnectionPhase", new ConnectionPhase().machine());
        m.put("ChannelLifecycle", new ChannelLifecycle(ChannelLifecycle.State.OPENING).machine());
        m.put("SftpLifecycle", new SftpLifecycle().machine());
        return m;
    }

    /** The machine's DOT text, with line endings normalised. */
    static String dot(StateMachine<?, ?, ?, ?> machine, Path tmp, String name) throws IOException {
        DotVisitor visitor = SquirrelProvider.getInstance().newInstance(DotVisitor.class);
        machine.accept(visitor);
        Path base = tmp.resolve(name);
        visitor.convertDotFile(base.toString());
        Path written = tmp.resolve(name + ".dot");
        assertTrue(Files.exists(written), "squirrel wrote " + written);
        return canonical(Files.readString(written, StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    /**
     * squirrel lists states and transitions in hash order, and enum hash codes differ from JVM to
     * JVM: sort the state and transition lines so that the committed diagram is stable.
     */
    static String canonical(String dot) {
        String body = dot.strip();
        int closers = 0;
        while (body.endsWith("}")) {
            body = body.substring(0, body.length() - 1).strip();
            closers++;
        }
        List<String> header = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        for (String line : body.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.matches("\\w+ -> \\w+.*")) {
                edges.add(l);
            } else if (l.matches("\\w+ \\[label=.*")) {
                nodes.add(l);
            } else {
                header.add(l);
            }
        }
        Collections.sort(nodes);
        Collections.sort(edges);
        StringBuilder b = new StringBuilder();
        header.forEach(l -> b.append(l).append('\n'));
        nodes.forEach(l -> b.append(l).append('\n'));
        b.append('\n');
        edges.forEach(l -> b.append(l).append('\n'));
        b.append("}".repeat(closers)).append('\n');
        return b.toString();
    }

    @Test
    void committedDiagramsMatchTheMachines(@TempDir Path tmp) throws IOException {
        boolean update = Boolean.getBoolean("sanssh.updateDiagrams");
        if (update) {
            Files.createDirectories(DIAGRAMS);
        }
        for (Map.Entry<String, StateMachine<?, ?, ?, ?>> e : machines().entrySet()) {
            String name = e.getKey();
            String now = dot(e.getValue(), tmp, name);
            assertEquals(now, dot(e.getValue(), tmp, name + "-again"), name + ": the export is deterministic");
            Path committed = DIAGRAMS.resolve(name + ".dot");
            if (update) {
                Files.writeString(committed, now, StandardCharsets.UTF_8);
                continue;
            }
            assertTrue(Files.exists(committed), committed.toAbsolutePath()
                    + " is missing: run with -Dsanssh.updateDiagrams=true and commit it");
            assertEquals(Files.readString(committed, StandardCharsets.UTF_8).replace("\r\n", "\n"), now,
                    committed.toAbsolutePath() + " is stale: the " + name
                            + " table changed; run with -Dsanssh.updateDiagrams=true and commit the diagram");
        }
    }

    @Test
    void everyStateAndTriggerAppearsInItsDiagram(@TempDir Path tmp) throws IOException {
        Map<String, Class<? extends Enum<?>>[]> enums = Map.of(
                "ConnectionPhase", enumsOf(ConnectionPhase.Phase.class, ConnectionPhase.Trigger.class),
                "ChannelLifecycle", enumsOf(ChannelLifecycle.State.class, ChannelLifecycle.Trigger.class),
                "SftpLifecycle", enumsOf(SftpLifecycle.State.class, SftpLifecycle.Trigger.class));
        for (Map.Entry<String, StateMachine<?, ?, ?, ?>> e : machines().entrySet()) {
            String text = dot(e.getValue(), tmp, e.getKey());
            for (Class<? extends Enum<?>> type : enums.get(e.getKey())) {
                for (Enum<?> constant : type.getEnumConstants()) {
                    assertTrue(text.contains(constant.name()), e.getKey() + " diagram names " + constant);
                }
            }
        }
    }

    @SafeVarargs
    private static Class<? extends Enum<?>>[] enumsOf(Class<? extends Enum<?>>... types) {
        return types;
    }
}
