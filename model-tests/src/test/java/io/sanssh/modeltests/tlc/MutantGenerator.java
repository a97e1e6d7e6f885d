package io.sanssh.modeltests.tlc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the mutant specs in {@code tla/mutants/} from {@code tla/mutants/mutations.txt} and the
 * base specs: each mutant is its base with one exact piece of text replaced, and its
 * configuration is the base CI configuration checking only the rule the mutant breaks.
 *
 * <p>The generated files are committed so TLC can be run on them by hand; {@link
 * TlcModelCheckTest} fails when they differ from what this class generates. Regenerate with
 * {@code java model-tests/src/test/java/io/sanssh/modeltests/tlc/MutantGenerator.java tla} from
 * the repository root (JDK only, no build needed).
 */
public final class MutantGenerator {

    /** One configuration a mutant is checked with, and how TLC must reject it. */
    public record Expectation(String suffix, String kind, String property, int exitCode) {

        /** Text TLC prints when it finds this violation. */
        public String reportText() {
            return switch (kind) {
                case "invariant" -> "Invariant " + property + " is violated";
                case "property" -> "Temporal properties were violated";
                case "deadlock" -> "Deadlock reached";
                default -> throw new IllegalStateException(kind);
            };
        }

        public String describe() {
            return switch (kind) {
                case "invariant" -> "invariant " + property + " violated (exit " + exitCode + ")";
                case "property" -> "property " + property + " violated (exit " + exitCode + ")";
                default -> "deadlock (exit " + exitCode + ")";
            };
        }
    }

    /** One entry of mutations.txt. */
    public record Mutant(String name, String base, String why, Map<String, String> constants,
            List<Expectation> expectations, String find, String replace) {

        public String module() {
            return base + "_" + name;
        }

        public String configName(Expectation e) {
            return module() + (e.suffix().isEmpty() ? "" : "_" + e.suffix()) + ".cfg";
        }
    }

    private static final Pattern MUTANT = Pattern.compile("mutant (\\w+) of (\\w+)");
    private static final Pattern SET = Pattern.compile("set: (\\w+) = (.+)");
    private static final Pattern EXPECT = Pattern.compile(
            "expect( \\w+)?: (?:(invariant|property) (\\w+)|(deadlock)) exit (\\d+)");
    private static final Pattern CFG_KEYWORD = Pattern.compile("^[A-Z_]+\\b.*");
    private static final Pattern CHECK_SECTION =
            Pattern.compile("^(INVARIANTS?|PROPERTY|PROPERTIES)\\b.*");
    private static final Pattern CONSTANT_LINE = Pattern.compile("^(\\s+)(\\w+)(\\s*=\\s*)(.*)$");
    private static final String MARK = "  \\* MUTATED";

    private MutantGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path tlaDir = Path.of(args.length > 0 ? args[0] : "tla");
        Path mutantsDir = tlaDir.resolve("mutants");
        try (Stream<Path> old = Files.list(mutantsDir)) {
            for (Path p : old.filter(MutantGenerator::isGenerated).toList()) {
                Files.delete(p);
            }
        }
        for (Map.Entry<String, String> e : generate(tlaDir).entrySet()) {
            Files.writeString(mutantsDir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + mutantsDir.resolve(e.getKey()));
        }
    }

    /** Reads mutations.txt. */
    public static List<Mutant> parse(Path mutationsFile) {
        List<String> lines = readLines(mutationsFile);
        List<Mutant> mutants = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                i++;
                continue;
            }
            Matcher head = MUTANT.matcher(line);
            if (!head.matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 'mutant X of Y': " + line);
            }
            String why = null;
            Map<String, String> constants = new LinkedHashMap<>();
            List<Expectation> expectations = new ArrayList<>();
            i++;
            for (; !lines.get(i).equals("find:"); i++) {
                String l = lines.get(i);
                Matcher set = SET.matcher(l);
                Matcher expect = EXPECT.matcher(l);
                if (l.startsWith("why: ")) {
                    why = l.substring(5);
                } else if (set.matches()) {
                    constants.put(set.group(1), set.group(2));
                } else if (expect.matches()) {
                    String suffix = expect.group(1) == null ? "" : expect.group(1).trim();
                    String kind = expect.group(4) != null ? "deadlock" : expect.group(2);
                    expectations.add(new Expectation(suffix, kind, expect.group(3),
                            Integer.parseInt(expect.group(5))));
                } else {
                    throw new IllegalArgumentException("line " + (i + 1) + ": unexpected: " + l);
                }
            }
            StringBuilder find = new StringBuilder();
            for (i++; !lines.get(i).equals("replace:"); i++) {
                find.append(lines.get(i)).append('\n');
            }
            StringBuilder replace = new StringBuilder();
            for (i++; !lines.get(i).equals("end"); i++) {
                replace.append(lines.get(i)).append('\n');
            }
            i++;
            if (why == null || expectations.isEmpty()) {
                throw new IllegalArgumentException("mutant " + head.group(1) + " needs why: and expect:");
            }
            mutants.add(new Mutant(head.group(1), head.group(2), why, constants,
                    List.copyOf(expectations), find.toString(), replace.toString()));
        }
        return mutants;
    }

    /** File name to content, for every file this generator owns in {@code tla/mutants/}. */
    public static Map<String, String> generate(Path tlaDir) {
        Map<String, String> files = new TreeMap<>();
        for (Mutant m : parse(tlaDir.resolve("mutants").resolve("mutations.txt"))) {
            files.put(m.module() + ".tla", mutantSpec(m, readString(tlaDir.resolve(m.base() + ".tla"))));
            String baseConfig = readString(tlaDir.resolve(m.base() + ".cfg"));
            for (Expectation e : m.expectations()) {
                files.put(m.configName(e), mutantConfig(m, e, baseConfig));
            }
        }
        return files;
    }

    /** What differs between the generated files and those on disk; empty when up to date. */
    public static List<String> differences(Path tlaDir) {
        Path mutantsDir = tlaDir.resolve("mutants");
        Map<String, String> expected = generate(tlaDir);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path p = mutantsDir.resolve(e.getKey());
            if (!Files.exists(p)) {
                problems.add("missing " + p);
            } else if (!readString(p).equals(e.getValue())) {
                problems.add("out of date " + p);
            }
        }
        try (Stream<Path> present = Files.list(mutantsDir)) {
            present.filter(MutantGenerator::isGenerated)
                    .filter(p -> !expected.containsKey(p.getFileName().toString()))
                    .forEach(p -> problems.add("not generated by mutations.txt: " + p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    private static boolean isGenerated(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".tla") || n.endsWith(".cfg");
    }

    static String mutantSpec(Mutant m, String base) {
        String moduleLine = "MODULE " + m.base() + " ";
        requireOnce(base, moduleLine, m.base() + ".tla");
        requireOnce(base, m.find(), m.base() + ".tla (find text of mutant " + m.name() + ")");
        String marked = m.replace().lines().map(l -> l + MARK + "\n").reduce("", String::concat);
        StringBuilder out = new StringBuilder();
        out.append("\\* GENERATED from ../").append(m.base())
                .append(".tla and mutations.txt by MutantGenerator; do not edit.\n");
        for (String l : wrap("Mutant " + m.name() + ": " + m.why(), 74)) {
            out.append("\\* ").append(l).append('\n');
        }
        for (Expectation e : m.expectations()) {
            out.append("\\* TLC must reject it with ").append(m.configName(e)).append(": ")
                    .append(e.describe()).append(".\n");
        }
        out.append("\\* The changed lines end with \"MUTATED\".\n");
        out.append(base.replace(m.find(), marked).replace(moduleLine, "MODULE " + m.module() + " "));
        return out.toString();
    }

    static String mutantConfig(Mutant m, Expectation e, String baseConfig) {
        StringBuilder out = new StringBuilder();
        out.append("\\* GENERATED from ../").append(m.base())
                .append(".cfg and mutations.txt by MutantGenerator; do not edit.\n");
        out.append("\\* ").append(m.module()).append(" must be rejected: ").append(e.describe())
                .append(".\n");
        Map<String, String> pending = new LinkedHashMap<>(m.constants());
        boolean skipping = false;
        for (String line : baseConfig.lines().toList()) {
            if (line.startsWith("\\*")) {
                continue;
            }
            if (CFG_KEYWORD.matcher(line).matches()) {
                skipping = CHECK_SECTION.matcher(line).matches();
            }
            if (skipping) {
                continue;
            }
            Matcher c = CONSTANT_LINE.matcher(line);
            if (c.matches() && pending.containsKey(c.group(2))) {
                line = c.group(1) + c.group(2) + c.group(3) + pending.remove(c.group(2));
            }
            out.append(line).append('\n');
        }
        if (!pending.isEmpty()) {
            throw new IllegalArgumentException(m.module() + ": no such constants in "
                    + m.base() + ".cfg: " + pending.keySet());
        }
        switch (e.kind()) {
            case "invariant" -> out.append("INVARIANT\n    ").append(e.property()).append('\n');
            case "property" -> out.append("PROPERTY\n    ").append(e.property()).append('\n');
            default -> out.append("\\* Deadlock checking is on (TLC's default).\n");
        }
        return out.toString();
    }

    private static void requireOnce(String text, String part, String where) {
        int first = text.indexOf(part);
        if (first < 0 || text.indexOf(part, first + 1) >= 0) {
            throw new IllegalArgumentException((first < 0 ? "not found" : "found more than once")
                    + " in " + where + ":\n" + part);
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static List<String> readLines(Path p) {
        return readString(p).lines().toList();
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
