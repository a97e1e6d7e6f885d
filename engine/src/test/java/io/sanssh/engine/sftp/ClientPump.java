package io.sanssh.engine.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Drives a client session against a {@link SftpTestPeer}: the loop a driver would run, made
 * synchronous for tests. Completions polled while waiting are kept by id for {@link #await}.
 */
public final class ClientPump {
    private static final long TIMEOUT_MILLIS = 120_000;

    private final SftpClientSession client;
    private final SftpTestPeer peer;
    private final Map<Integer, SftpCompletion> polled = new HashMap<>();
    private final ByteBuffer out;

    /** A pump moving at most 64 KiB of client output per step. */
    public ClientPump(SftpClientSession client, SftpTestPeer peer) {
        this(client, peer, 64 * 1024);
    }

    /** A pump moving at most {@code chunk} bytes of client output per step. */
    public ClientPump(SftpClientSession client, SftpTestPeer peer, int chunk) {
        this.client = client;
        this.peer = peer;
        this.out = ByteBuffer.allocate(chunk);
    }

    /** The client session. */
    public SftpClientSession client() {
        return client;
    }

    /** One round: client output to the peer, peer output to the client. Returns whether bytes moved. */
    public boolean step(long waitMillis) {
        try {
            boolean moved = false;
            out.clear();
            if (client.takeOutput(out) > 0) {
                out.flip();
                peer.toServer(out);
                moved = true;
            }
            ByteBuffer in = peer.fromServer(moved || client.pendingOutput() > 0 ? 0 : waitMillis);
            if (in.hasRemaining()) {
                client.receive(in);
                moved = true;
            } else if (peer.ended() && client.pendingOutput() == 0) {
                client.channelEnded();
            }
            return moved;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Steps until {@code done} holds; fails the test after two minutes or when the client closes first. */
    public void until(BooleanSupplier done) {
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out; client " + client.state() + ", pending output " + client.pendingOutput());
            }
            if (client.isClosed() && !done.getAsBoolean() && client.pendingOutput() == 0) {
                step(0);
                if (!done.getAsBoolean()) {
                    fail("the client session closed: " + client.endReason().orElse("cleanly"));
                }
                return;
            }
            step(5);
        }
    }

    /** Completes the INIT/VERSION exchange. */
    public void handshake() {
        until(client::isReady);
    }

    /** Sends {@code request} and waits for its completion. */
    public SftpCompletion call(IntFunction<SftpRequest> request) {
        int id = client.send(request);
        assertTrue(id != SftpClientSession.NO_CAPACITY, "no capacity");
        return await(id);
    }

    /** Waits for the completion of request {@code id}. */
    public SftpCompletion await(int id) {
        until(() -> {
            SftpCompletion c;
            while ((c = client.pollCompletion()) != null) {
                polled.put(c.requestId(), c);
            }
            return polled.containsKey(id);
        });
        return polled.remove(id);
    }

    /** Sends {@code request}, requires success, and returns it. */
    public SftpCompletion.Succeeded ok(IntFunction<SftpRequest> request) {
        SftpCompletion c = call(request);
        if (!c.succeeded()) {
            fail("expected success: " + c.failure());
        }
        return (SftpCompletion.Succeeded) c;
    }

    /** Sends {@code request}, requires a failure with {@code code}, and returns it. */
    public SftpFailure fails(IntFunction<SftpRequest> request, int code) {
        SftpCompletion c = call(request);
        assertTrue(!c.succeeded(), () -> "expected failure, got " + c);
        assertNotNull(c.failure());
        assertEquals(SftpConstants.statusName(code),
                SftpConstants.statusName(c.failure().code()), () -> c.failure().describe());
        return c.failure();
    }

    /** Runs until {@code transfer} is done. */
    public void finish(SftpTransfer transfer) {
        until(transfer::isDone);
    }
}
