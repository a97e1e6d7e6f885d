package io.sanssh.modeltests.interop.session;

import io.sanssh.engine.SshConnection;
import io.sanssh.engine.event.ChannelClosed;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelEof;
import io.sanssh.engine.event.ChannelExtendedData;
import io.sanssh.engine.event.ChannelOpenRequested;
import io.sanssh.engine.event.ChannelRequestReceived;
import io.sanssh.engine.event.ChannelWritable;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.modeltests.interop.support.EngineSocketDriver;
import io.sanssh.spec.connection.ChannelRequestBody;
import io.sanssh.spec.connection.OpenFailureReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server application for a Sanssh server connection ({@link SshConnection#server}): it accepts
 * "session" channels and, on "exec", runs the command with {@code /bin/sh -c} and pumps its streams
 * to the channel: stdout as data, stderr as extended data 1, channel data to its stdin (EOF closes
 * stdin). When both outputs ended and the process exited: exit-status, EOF, CLOSE. Other requests
 * (env, pty-req, shell...) are refused.
 *
 * <p>Only the pumping thread touches the engine. One thread per process stream moves bytes
 * between the process and queues and wakes the pump; channel data is reported {@code consumed}
 * only once the process took it, so a slow command slows the client through the window.
 */
final class ProcessExecServer implements EngineSocketDriver.Application, AutoCloseable {
    private static final int CHUNK = 32 * 1024;
    private static final byte[] END = new byte[0];

    private final SshConnection conn;
    private final Runnable wakeup;
    private final Map<Integer, Session> sessions = new HashMap<>();
    private final List<String> commands = new ArrayList<>();
    private final List<String> refusedRequests = new ArrayList<>();
    private final List<Session> all = new ArrayList<>();
    private int closedChannels;

    ProcessExecServer(SshConnection conn, Runnable wakeup) {
        this.conn = conn;
        this.wakeup = wakeup;
    }

    /** The commands run so far. */
    List<String> commands() {
        return commands;
    }

    /** Request types refused so far. */
    List<String> refusedRequests() {
        return refusedRequests;
    }

    /** Channels closed both ways so far. */
    int closedChannels() {
        return closedChannels;
    }

    @Override
    public void onEvent(SshEvent e) {
        if (e instanceof ChannelOpenRequested r) {
            if ("session".equals(r.type())) {
                conn.channels().acceptChannel(r.channel());
                sessions.put(r.channel(), null);
            } else {
                conn.channels().rejectChannel(r.channel(), OpenFailureReason.ADMINISTRATIVELY_PROHIBITED,
                        "only sessions here");
            }
        } else if (e instanceof ChannelRequestReceived r) {
            onRequest(r);
        } else if (e instanceof ChannelData d) {
            Session s = sessions.get(d.channel());
            if (s == null) {
                conn.channels().consumed(d.channel(), d.data().length()); // before exec: discarded
            } else {
                s.stdin.add(d.data().toByteArray());
            }
        } else if (e instanceof ChannelExtendedData x) {
            conn.channels().consumed(x.channel(), x.data().length());
        } else if (e instanceof ChannelEof f) {
            Session s = sessions.get(f.channel());
            if (s != null) {
                s.stdin.add(END);
            }
        } else if (e instanceof ChannelWritable w) {
            Session s = sessions.get(w.channel());
            if (s != null) {
                s.blocked = false;
            }
        } else if (e instanceof ChannelClosed c) {
            Session s = sessions.remove(c.channel());
            closedChannels++;
            if (s != null) {
                s.stop();
            }
        }
    }

    private void onRequest(ChannelRequestReceived r) {
        boolean ok = false;
        if ("exec".equals(r.type()) && sessions.containsKey(r.channel()) && sessions.get(r.channel()) == null) {
            String command = ((ChannelRequestBody.Exec) r.body()).command().toUtf8();
            commands.add(command);
            Session s = new Session(r.channel(), command);
            sessions.put(r.channel(), s);
            all.add(s);
            ok = true;
        } else {
            refusedRequests.add(r.type());
        }
        if (r.wantReply()) {
            conn.channels().replyChannelRequest(r.channel(), r.requestId(), ok);
        }
    }

    @Override
    public boolean act(long nowNanos) {
        boolean did = false;
        for (Session s : new ArrayList<>(sessions.values())) {
            if (s != null) {
                did |= s.act(nowNanos);
            }
        }
        return did;
    }

    /** Kills every process still running and stops the stream threads. */
    @Override
    public void close() {
        for (Session s : all) {
            s.stop();
        }
    }

    /** One exec: the process, its three stream threads and what waits between them and the channel. */
    private final class Session {
        final int channel;
        final Process process;
        final BlockingQueue<byte[]> stdin = new LinkedBlockingQueue<>();
        final AtomicLong stdinTaken = new AtomicLong();
        final BlockingQueue<byte[]> stdout = new ArrayBlockingQueue<>(8);
        final BlockingQueue<byte[]> stderr = new ArrayBlockingQueue<>(8);
        final List<Thread> threads = new ArrayList<>();
        long stdinReported;
        ByteBuffer outPending;
        ByteBuffer errPending;
        boolean stdoutEnded;
        boolean stderrEnded;
        boolean blocked;
        boolean finished;

        Session(int channel, String command) {
            this.channel = channel;
            try {
                process = new ProcessBuilder("/bin/sh", "-c", command).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
            threads.add(start("stdout", () -> copyOut(process.getInputStream(), stdout)));
            threads.add(start("stderr", () -> copyOut(process.getErrorStream(), stderr)));
            threads.add(start("stdin", this::copyIn));
        }

        void stop() {
            process.destroyForcibly();
            for (Thread t : threads) {
                t.interrupt();
            }
        }

        private Thread start(String name, Runnable body) {
            Thread t = new Thread(body, "exec-" + channel + "-" + name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        private void copyOut(InputStream in, BlockingQueue<byte[]> to) {
            try (in) {
                byte[] buf = new byte[CHUNK];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (n > 0) {
                        to.put(Arrays.copyOf(buf, n));
                        wakeup.run();
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the process was killed or the test is over
            } finally {
                try {
                    to.put(END);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                wakeup.run();
            }
        }

        private void copyIn() {
            OutputStream out = process.getOutputStream();
            boolean broken = false;
            try {
                while (true) {
                    byte[] b = stdin.take();
                    if (b == END) {
                        break;
                    }
                    if (!broken) {
                        try {
                            out.write(b);
                            out.flush();
                        } catch (IOException e) {
                            broken = true; // the command stopped reading: what follows is discarded
                        }
                    }
                    stdinTaken.addAndGet(b.length);
                    wakeup.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the process is gone
                }
            }
        }

        /** Moves what the threads produced into the engine; true if something moved. */
        boolean act(long nowNanos) {
            if (finished) {
                return false;
            }
            boolean did = false;
            long taken = stdinTaken.get();
            if (taken > stdinReported) {
                conn.channels().consumed(channel, taken - stdinReported);
                stdinReported = taken;
                did = true;
            }
            if (!blocked && (!stdoutEnded || !stderrEnded)) {
                conn.onTimeout(nowNanos); // a write may cross the rekey volume and arm the KEX timer
                did |= drain(false);
                if (!blocked) {
                    did |= drain(true);
                }
            }
            if (stdoutEnded && stderrEnded && !blocked && exited()) {
                conn.channels().sendExitStatus(channel, process.exitValue());
                conn.channels().sendEof(channel);
                conn.channels().close(channel);
                finished = true;
                did = true;
            }
            return did;
        }

        private boolean exited() {
            try {
                return process.waitFor(0, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Writes queued output of one stream until it is empty or credit runs out. */
        private boolean drain(boolean err) {
            boolean did = false;
            while (err ? !stderrEnded : !stdoutEnded) {
                ByteBuffer b = err ? errPending : outPending;
                if (b == null || !b.hasRemaining()) {
                    byte[] next = (err ? stderr : stdout).poll();
                    if (next == null) {
                        break;
                    }
                    if (next == END) {
                        if (err) {
                            stderrEnded = true;
                        } else {
                            stdoutEnded = true;
                        }
                        did = true;
                        break;
                    }
                    b = ByteBuffer.wrap(next);
                    if (err) {
                        errPending = b;
                    } else {
                        outPending = b;
                    }
                }
                int offered = b.remaining();
                int n = err ? conn.channels().writeExtended(channel, 1, b) : conn.channels().write(channel, b);
                did |= n > 0;
                if (n < offered) {
                    blocked = true; // ChannelWritable follows
                    break;
                }
            }
            return did;
        }
    }
}
