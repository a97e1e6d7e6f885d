package io.sanssh.drivers.sim;

import io.sanssh.engine.SshConnection;
import io.sanssh.engine.event.AuthServiceReady;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.event.ChannelClosed;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelOpened;
import io.sanssh.engine.event.ChannelRequestReplied;
import io.sanssh.engine.event.ChannelWritable;
import io.sanssh.engine.event.ExitStatusReceived;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.spec.wire.DisconnectReason;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * The client application of a {@link SessionSimulation} connection: logs in with a password, opens
 * a session channel, runs "echo" and then, one step at a time in virtual time, writes a random
 * payload (only with credit, never more than one payload ahead), asking for a key re-exchange
 * half-way; after the last step it sends EOF, reads until the server closes the channel, and
 * disconnects. SHA-256 over what it sent and what came back tells whether the echo was exact.
 */
final class SimSessionClient implements SimApplication<SshConnection> {
    static final String USER = "sim";
    static final String PASSWORD = "sim-password";
    private static final int MAX_PAYLOAD = 32 * 1024;
    private static final long MAX_STEP_NANOS = 5_000_000L;

    private final SplittableRandom r;
    private final int steps;
    private final MessageDigest sentDigest = sha256();
    private final MessageDigest receivedDigest = sha256();
    private int channel = -1;
    private int stepsDone;
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private boolean eofWanted;
    private boolean eofSent;
    private long sent;
    private long received;
    private Long exitStatus;
    private boolean channelClosed;
    private boolean rekeyAsked;

    SimSessionClient(SplittableRandom r, int steps) {
        this.r = r;
        this.steps = steps;
    }

    @Override
    public void onEvent(SimEndpoint<SshConnection> endpoint, SshEvent e) {
        SshConnection c = endpoint.engine();
        if (c.isClosed()) {
            return;
        }
        if (e instanceof AuthServiceReady) {
            c.clientAuth().password(USER, PASSWORD);
        } else if (e instanceof Authenticated) {
            channel = c.channels().openSession();
        } else if (e instanceof ChannelOpened o && o.channel() == channel) {
            c.channels().requestExec(channel, "echo", true);
        } else if (e instanceof ChannelRequestReplied rr && rr.channel() == channel) {
            if (rr.success()) {
                endpoint.schedule(1 + r.nextLong(MAX_STEP_NANOS), this::step);
            } else {
                c.disconnect(DisconnectReason.BY_APPLICATION, "exec refused");
            }
        } else if (e instanceof ChannelWritable w && w.channel() == channel) {
            flush(c);
        } else if (e instanceof ChannelData d && d.channel() == channel) {
            byte[] b = d.data().toByteArray();
            receivedDigest.update(b);
            received += b.length;
            c.channels().consumed(channel, b.length);
        } else if (e instanceof ExitStatusReceived x && x.channel() == channel) {
            exitStatus = x.status();
        } else if (e instanceof ChannelClosed cl && cl.channel() == channel) {
            channelClosed = true;
            c.disconnect(DisconnectReason.BY_APPLICATION, "simulation done");
        }
    }

    /** One step: a new payload once the last one is fully accepted, or EOF after the last step. */
    private void step(SimEndpoint<SshConnection> endpoint) {
        SshConnection c = endpoint.engine();
        if (c.isClosed() || eofWanted) {
            return;
        }
        if (!pending.hasRemaining()) {
            if (stepsDone == steps) {
                eofWanted = true;
                flush(c);
                return;
            }
            byte[] p = new byte[1 + r.nextInt(MAX_PAYLOAD)];
            r.nextBytes(p);
            sentDigest.update(p);
            sent += p.length;
            pending = ByteBuffer.wrap(p);
            stepsDone++;
            if (!rekeyAsked && stepsDone >= steps / 2) {
                rekeyAsked = true;
                c.requestRekey();
            }
        }
        flush(c);
        endpoint.schedule(1 + r.nextLong(MAX_STEP_NANOS), this::step);
    }

    private void flush(SshConnection c) {
        while (pending.hasRemaining() && c.channels().write(channel, pending) > 0) {
            // write advances pending by what was accepted; 0 means no credit until ChannelWritable
        }
        if (eofWanted && !eofSent && !pending.hasRemaining()) {
            eofSent = true;
            c.channels().sendEof(channel);
        }
    }

    /** Whether the whole exchange ran: every step sent, everything echoed, exit status 0, channel closed. */
    boolean completed() {
        return eofSent && channelClosed && exitStatus != null && exitStatus == 0 && received == sent
                && MessageDigest.isEqual(((MessageDigest) clone(sentDigest)).digest(),
                ((MessageDigest) clone(receivedDigest)).digest());
    }

    long bytesSent() {
        return sent;
    }

    long bytesReceived() {
        return received;
    }

    int stepsDone() {
        return stepsDone;
    }

    private static Object clone(MessageDigest d) {
        try {
            return d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
