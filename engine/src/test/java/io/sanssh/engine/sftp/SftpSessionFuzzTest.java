package io.sanssh.engine.sftp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Jazzer targets for the SFTP session machines, both roles. Without {@code JAZZER_FUZZ=1} they
 * run in regression mode over {@code SftpSessionFuzzTestInputs/<method>/}: recorded sessions
 * between our client and our server, and every input a fuzzing run found since.
 *
 * <p>The input is the peer's byte stream cut into {@code receive} calls ({@link #feed}); between
 * calls the client's completions are polled (freeing capacity) and the server's replies taken in
 * pieces. Whatever the stream holds, a session may
 * only answer with typed results: completions (failed ones with a status), STATUS replies, a
 * protocol error that closes it. No exception escapes, memory stays within the session's
 * bounds, and ending the channel leaves nothing outstanding or open.
 */
class SftpSessionFuzzTest {

    /** Server bytes to a client with a download, an upload and two plain requests outstanding. */
    @FuzzTest(maxDuration = "60s")
    void clientReceive(byte[] input) {
        FuzzClient client = new FuzzClient();
        feed(input, client::feed);
        client.finish();
    }

    /** Client bytes to a server after INIT, over a memory backend; its replies are drained in cut pieces. */
    @FuzzTest(maxDuration = "60s")
    void serverReceive(byte[] input) {
        FuzzServer server = new FuzzServer();
        int[] round = {0};
        feed(input, piece -> {
            server.feed(piece);
            // replies leave in pieces of varying size, so requests sometimes wait behind the output bound
            server.drain(1 + (round[0]++ * 7919) % 70_000);
        });
        server.finish();
    }

    /**
     * Cuts {@code input} into receive calls: a big-endian 16-bit length, then that many bytes
     * (fewer at the end), again and again; a lone last byte is a piece of its own.
     */
    static void feed(byte[] input, Consumer<ByteBuffer> receiver) {
        int at = 0;
        while (at < input.length) {
            int len;
            if (input.length - at < 2) {
                len = input.length - at;
            } else {
                len = (input[at] & 0xff) << 8 | input[at + 1] & 0xff;
                at += 2;
            }
            int n = Math.min(len, input.length - at);
            receiver.accept(ByteBuffer.wrap(input, at, n).slice());
            at += n;
        }
    }
}
