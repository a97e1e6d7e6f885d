package io.sanssh.drivers.api;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A command running on a pseudo-terminal, for {@link ProcessExecHandler}. Java has no pty API, so
 * the process is util-linux {@code script(1)}: {@code script -q -f -e -c SETUP /dev/null}
 * allocates a pty, runs {@code SETUP} with {@code /bin/sh} on it, and copies between its own
 * stdin/stdout (the channel) and the pty master. {@code SETUP} sets the client's size and modes
 * with {@code stty} (see {@link SttyArguments}) and then {@code exec}s the command with
 * {@code /bin/sh -c}, or for a shell request the server user's login shell with {@code -l}.
 *
 * <p>What this gives, as with OpenSSH's sshd: the command sees a terminal ({@code tty} prints
 * {@code /dev/pts/N}), TERM is the client's, the command's stdout and stderr both reach the
 * channel's data stream (nothing arrives as extended data), and the exit status is the command's
 * ({@code -e}; 128+N if it died of signal N).
 *
 * <p>When the process's stdin ends (the client sent EOF), script writes the terminal's EOF
 * character (VEOF, ^D by default) once to the pty, as if typed: a program reading the terminal in
 * canonical mode ({@code cat}, {@code read}) sees end of input even if it starts later, so
 * {@code ssh -tt host 'cat; ...' < file} ends; {@code echo exit | ssh -tt host} ends through its
 * own {@code exit}. Best effort only: a program that switches the terminal to non-canonical mode
 * after the ^D arrived (a shell's line editor before its first prompt) does not see it as EOF, so
 * a shell given no input at all may keep running until the client closes the channel, as it
 * always does under OpenSSH's sshd, which ignores EOF on a pty.
 *
 * <p>Size changes ("window-change", RFC 4254 §6.7) are applied by a thread of this object with
 * {@code stty -F /dev/pts/N rows R cols C} on the pty, found as the {@code /dev/pts} entry among
 * script's own open files; the kernel then sends SIGWINCH to the terminal's foreground process
 * group. That is best effort: a failure is ignored, as the request has no reply.
 */
final class PtyProcess implements AutoCloseable {
    /** Where Debian's bsdutils (Essential) installs script(1). */
    static final Path DEFAULT_SCRIPT = Path.of("/usr/bin/script");

    private static final long STTY_TIMEOUT_SECONDS = 5;
    private static final int FIND_PTY_ATTEMPTS = 50;
    private static final long FIND_PTY_PAUSE_MILLIS = 20;

    private final Process process;
    private final Terminal terminal;
    private final BlockingQueue<Terminal.Size> resizes;
    private final Thread resizer;
    private Path pty;

    private PtyProcess(Process process, Terminal terminal, BlockingQueue<Terminal.Size> resizes) {
        this.process = process;
        this.terminal = terminal;
        this.resizes = resizes;
        this.resizer = new Thread(this::applyResizes, "sanssh-pty-resize-" + process.pid());
        resizer.setDaemon(true);
        resizer.start();
    }

    /** Whether {@code script} can be run, so ptys can be offered. */
    static boolean available(Path script) {
        return Files.isRegularFile(script) && Files.isExecutable(script);
    }

    /**
     * Starts {@code command} ({@code null}: the login shell) on a new pty of {@code terminal}'s
     * type, size and modes, in {@code directory} with {@code environment} added, and follows the
     * terminal's later size changes until {@link #close()}.
     */
    static PtyProcess start(Path script, Terminal terminal, String command, Path directory,
            Map<String, String> environment) throws IOException {
        // listen before reading the size for SETUP: a change in between is applied once the pty exists
        BlockingQueue<Terminal.Size> resizes = new LinkedBlockingQueue<>();
        terminal.onResize(resizes::add);
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "-q", "-f", "-e", "-c",
                setup(terminal, command), "/dev/null");
        pb.directory(directory.toFile());
        Map<String, String> env = pb.environment();
        env.putAll(environment);
        env.remove("TERM");
        if (!terminal.term().isEmpty()) {
            env.put("TERM", terminal.term());
        }
        // script runs SETUP with $SHELL -c; SETUP is written for sh and sets SHELL for the session
        env.put("SHELL", "/bin/sh");
        try {
            return new PtyProcess(pb.start(), terminal, resizes);
        } catch (IOException | RuntimeException e) {
            terminal.onResize(null);
            throw e;
        }
    }

    /** The shell command script runs on the pty: stty, then exec of the session's program. */
    static String setup(Terminal terminal, String command) {
        StringBuilder s = new StringBuilder();
        // two runs, so that a mode this stty rejects does not lose the size
        appendStty(s, SttyArguments.size(terminal.size()));
        appendStty(s, SttyArguments.modes(terminal.modes()));
        String shell = LoginShell.of(System.getProperty("user.name"));
        s.append("SHELL=").append(quote(shell)).append("; export SHELL; ");
        if (command == null) {
            s.append("exec ").append(quote(shell)).append(" -l");
        } else {
            s.append("exec /bin/sh -c ").append(quote(command));
        }
        return s.toString();
    }

    /** Appends a run of stty with {@code args}, its complaints discarded; nothing for no arguments. */
    private static void appendStty(StringBuilder s, List<String> args) {
        if (!args.isEmpty()) {
            s.append("stty ").append(String.join(" ", args)).append(" 2>/dev/null; ");
        }
    }

    /** {@code s} as one word for sh: in single quotes, each quote written as {@code '\''}. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The running script process; its stdout carries the pty's output, stderr only script's own complaints. */
    Process process() {
        return process;
    }

    /** Stops following size changes. Does not end the process. */
    @Override
    public void close() {
        terminal.onResize(null);
        resizer.interrupt();
    }

    private void applyResizes() {
        try {
            while (true) {
                Terminal.Size size = resizes.take();
                Terminal.Size newer;
                while ((newer = resizes.poll()) != null) {
                    size = newer; // only the latest of a burst matters
                }
                apply(size);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void apply(Terminal.Size size) throws InterruptedException {
        Path tty = findPty();
        if (tty == null) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("stty", "-F", tty.toString()));
        cmd.addAll(SttyArguments.size(size));
        try {
            Process stty = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!stty.waitFor(STTY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
            }
        } catch (IOException e) {
            // no stty: the size stays; "window-change" has no reply to carry the failure
        }
    }

    /** The pty slave script holds open, waiting briefly for script to open it; {@code null} if none. */
    private Path findPty() throws InterruptedException {
        for (int i = 0; pty == null && i < FIND_PTY_ATTEMPTS && process.isAlive(); i++) {
            pty = ptyOf(process.pid());
            if (pty == null) {
                Thread.sleep(FIND_PTY_PAUSE_MILLIS);
            }
        }
        return pty;
    }

    private static Path ptyOf(long pid) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                String n = fd.getFileName().toString();
                if (n.equals("0") || n.equals("1") || n.equals("2")) {
                    continue; // pipes to us, never the session's pty
                }
                Path target = readLink(fd);
                if (target != null && target.startsWith("/dev/pts/")) {
                    return target;
                }
            }
        } catch (IOException e) {
            // not Linux, or the process is gone
        }
        return null;
    }

    private static Path readLink(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
