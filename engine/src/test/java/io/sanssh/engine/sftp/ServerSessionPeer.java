package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpFrameReader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A {@link SftpServerSession} in memory as the far end of a client, with seeded mischief: bytes
 * cut into random pieces both ways, replies shuffled within each batch (a server that answers
 * out of order, which the draft allows), and a server that vanishes after some replies.
 */
public final class ServerSessionPeer implements SftpTestPeer {
    private final SftpServerSession server;
    private final Random rnd;
    private boolean reorder;
    private long vanishAfterReplies = -1;
    private long repliesGiven;
    private boolean vanished;
    private final SftpFrameReader frames = new SftpFrameReader(Integer.MAX_VALUE);

    /** A peer over {@code server}, cutting bytes with a {@code seed}ed random generator. */
    public ServerSessionPeer(SftpServerSession server, long seed) {
        this.server = server;
        this.rnd = new Random(seed);
    }

    /** The server session. */
    public SftpServerSession server() {
        return server;
    }

    /** Shuffles the replies of every batch from now on. */
    public ServerSessionPeer reordering() {
        this.reorder = true;
        return this;
    }

    /** After {@code n} more replies the server vanishes: nothing more comes out, input is lost. */
    public ServerSessionPeer vanishAfter(long n) {
        this.vanishAfterReplies = repliesGiven + n;
        return this;
    }

    @Override
    public void toServer(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            int n = Math.min(bytes.remaining(), 1 + rnd.nextInt(70_000));
            ByteBuffer piece = bytes.slice();
            piece.limit(n);
            bytes.position(bytes.position() + n);
            if (!vanished) {
                server.receive(piece);
            }
        }
    }

    @Override
    public ByteBuffer fromServer(long waitMillis) {
        if (vanished) {
            return ByteBuffer.allocate(0);
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        while (server.pendingOutput() > 0) {
            ByteBuffer piece = ByteBuffer.allocate(1 + rnd.nextInt(100_000));
            server.takeOutput(piece);
            raw.write(piece.array(), 0, piece.position());
        }
        frames.receive(ByteBuffer.wrap(raw.toByteArray()));
        List<byte[]> replies = new ArrayList<>();
        byte[] body;
        while ((body = frames.poll()) != null) {
            replies.add(body);
        }
        if (reorder) {
            boolean versionFirst = !replies.isEmpty() && (replies.get(0)[0] & 0xff) == SftpConstants.SSH_FXP_VERSION;
            Collections.shuffle(versionFirst ? replies.subList(1, replies.size()) : replies, rnd);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] r : replies) {
            if (vanishAfterReplies >= 0 && repliesGiven >= vanishAfterReplies) {
                vanished = true;
                break;
            }
            out.write(r.length >>> 24);
            out.write(r.length >>> 16);
            out.write(r.length >>> 8);
            out.write(r.length);
            out.write(r, 0, r.length);
            repliesGiven++;
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    @Override
    public boolean ended() {
        return vanished;
    }
}
