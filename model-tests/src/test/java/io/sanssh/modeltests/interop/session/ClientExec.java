package io.sanssh.modeltests.interop.session;

import io.sanssh.engine.SshConnection;
import io.sanssh.engine.event.ChannelClosed;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelEof;
import io.sanssh.engine.event.ChannelExtendedData;
import io.sanssh.engine.event.ChannelOpenFailed;
import io.sanssh.engine.event.ChannelOpened;
import io.sanssh.engine.event.ChannelRequestReplied;
import io.sanssh.engine.event.ChannelWritable;
import io.sanssh.engine.event.ExitStatusReceived;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.modeltests.interop.support.EngineSocketDriver;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The client application for one "exec" on a logged-in Sanssh client connection, reacting only to
 * events: open a session, request exec with want-reply, stream stdin (if any) as the engine gives
 * credit, EOF, then collect stdout and stderr until the server closes the channel.
 *
 * <p>Writes follow the engine contract: a write that accepts less than offered means "wait for
 * {@code ChannelWritable}", and no write is tried until it arrives (so a missing wake-up shows as
 * a timeout, DESIGN.md liveness). Before each write the application calls {@code
 * onTimeout(now)}: a write may cross the rekey volume and start a timer. Output is reported with
 * {@code consumed} as soon as it is hashed, so the window reopens. Output is kept as a SHA-256 and
 * its first 64 KiB.
 */
final class ClientExec implements EngineSocketDriver.Application {
    /** Where stdin comes from; polled on the pumping thread. */
    interface Stdin {
        /** Bytes to send now (the same buffer again until it is empty is fine), or null for "nothing now". */
        ByteBuffer poll(long nowNanos);

        /** Whether everything was handed out: EOF follows once the last buffer is written. */
        boolean ended();
    }

    private static final int KEPT = 64 * 1024;

    private final SshConnection conn;
    private final String command;
    private final Stdin stdin;
    private final MessageDigest stdoutHash = sha256();
    private final ByteArrayOutputStream stdoutHead = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private int channel = -1;
    private boolean execAccepted;
    private boolean blocked;
    private boolean eofSent;
    private ByteBuffer pending;
    private long stdinBytes;
    private long stdoutBytes;
    private long refusals;
    private long wakeUps;
    private Long exitStatus;
    private boolean eofReceived;
    private boolean closed;

    private ClientExec(SshConnection conn, String command, Stdin stdin) {
        this.conn = conn;
        this.command = command;
        this.stdin = stdin;
    }

    /** Runs {@code command} on a new session channel of {@code d}'s connection until the channel closes. */
    static ClientExec run(EngineSocketDriver<SshConnection> d, String command, Stdin stdin, Duration limit) {
        ClientExec exec = new ClientExec(d.engine(), command, stdin);
        exec.channel = d.engine().channels().openSession();
        try {
            d.run(exec, () -> exec.closed, limit, "exec '" + command + "' to finish");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n  exec: " + exec.progress(), e);
        }
        return exec;
    }

    @Override
    public void onEvent(SshEvent e) {
        if (e instanceof ChannelOpened o && o.channel() == channel) {
            conn.channels().requestExec(channel, command, true);
        } else if (e instanceof ChannelOpenFailed f && f.channel() == channel) {
            throw new AssertionError("session refused: " + f);
        } else if (e instanceof ChannelRequestReplied r && r.channel() == channel) {
            if (!r.success()) {
                throw new AssertionError("exec refused: " + r);
            }
            execAccepted = true;
        } else if (e instanceof ChannelData d && d.channel() == channel) {
            int n = d.data().length();
            stdoutHash.update(d.data().asReadOnlyBuffer());
            keep(stdoutHead, d.data().asReadOnlyBuffer());
            stdoutBytes += n;
            conn.channels().consumed(channel, n);
        } else if (e instanceof ChannelExtendedData x && x.channel() == channel) {
            if (x.dataType() != 1) {
                throw new AssertionError("extended data of type " + x.dataType());
            }
            keep(stderr, x.data().asReadOnlyBuffer());
            conn.channels().consumed(channel, x.data().length());
        } else if (e instanceof ChannelWritable w && w.channel() == channel) {
            blocked = false;
            wakeUps++;
        } else if (e instanceof ExitStatusReceived x && x.channel() == channel) {
            exitStatus = x.status();
        } else if (e instanceof ChannelEof f && f.channel() == channel) {
            eofReceived = true;
        } else if (e instanceof ChannelClosed c && c.channel() == channel) {
            closed = true;
        }
    }

    private static void keep(ByteArrayOutputStream into, ByteBuffer bytes) {
        int n = Math.min(bytes.remaining(), KEPT - into.size());
        if (n > 0) {
            byte[] b = new byte[n];
            bytes.get(b);
            into.write(b, 0, n);
        }
    }

    @Override
    public boolean act(long nowNanos) {
        if (!execAccepted || eofSent || closed) {
            return false;
        }
        if (stdin == null) {
            sendEof();
            return true;
        }
        boolean did = false;
        if (!blocked) {
            conn.onTimeout(nowNanos); // a write may cross the rekey volume and arm the KEX timer
            while (true) {
                ByteBuffer b = pending != null && pending.hasRemaining() ? pending : stdin.poll(nowNanos);
                if (b == null || !b.hasRemaining()) {
                    break;
                }
                int offered = b.remaining();
                int n = conn.channels().write(channel, b);
                stdinBytes += n;
                did |= n > 0;
                if (n < offered) {
                    pending = b;
                    blocked = true;
                    refusals++;
                    break;
                }
            }
        }
        if (!blocked && (pending == null || !pending.hasRemaining()) && stdin.ended()) {
            sendEof();
            did = true;
        }
        return did;
    }

    private void sendEof() {
        conn.channels().sendEof(channel);
        eofSent = true;
    }

    /** Where the exec stands, for failure messages. */
    String progress() {
        return "stdin " + stdinBytes + " B, eof sent " + eofSent + ", " + refusals + " refusals, " + wakeUps
                + " wake-ups, blocked " + blocked + ", credit " + conn.channels().credit(channel) + ", peer window "
                + conn.channels().peerWindow(channel) + "; stdout " + stdoutBytes + " B, eof " + eofReceived
                + ", exit " + exitStatus + ", stderr '" + stderr() + "'";
    }

    String stdout() {
        return stdoutHead.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    String stdoutSha256() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) stdoutHash.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    long stdoutBytes() {
        return stdoutBytes;
    }

    long stdinBytes() {
        return stdinBytes;
    }

    Long exitStatus() {
        return exitStatus;
    }

    boolean eofReceived() {
        return eofReceived;
    }

    long refusals() {
        return refusals;
    }

    long wakeUps() {
        return wakeUps;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
