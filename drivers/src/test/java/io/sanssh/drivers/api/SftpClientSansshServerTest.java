package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.sftp.SftpCompletion;
import io.sanssh.engine.sftp.SftpRequests;
import io.sanssh.engine.sftp.TransferListener;
import io.sanssh.engine.sftp.TransferOptions;
import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.wire.Bytes;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link SftpClient} against the Sanssh server's "sftp" subsystem, in process over loopback TCP. */
@Timeout(120)
class SftpClientSansshServerTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private SshServer start(Path root, boolean readOnly, SshKeyPair user) throws Exception {
        return SshServer.start(ServerOptions.builder()
                .hostKeyFile(dir.resolve("host_key"))
                .publicKeyAuthenticator(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(user.publicKey(), "u")))
                .sftpRoot(root)
                .readOnly(readOnly)
                .build());
    }

    private SshSession login(SshServer server, SshKeyPair user) throws Exception {
        SshSession s = SshClient.connect("127.0.0.1", server.port(), ClientOptions.builder()
                .trustedHostKeys(List.of(HostKeyFiles.read(dir.resolve("host_key")).publicKey())).build());
        assertTrue(s.authPublicKey("alice", user));
        return s;
    }

    @Test
    void transfersAndOperationsWorkAgainstTheSansshServer() throws Exception {
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);
        Path root = Files.createDirectories(dir.resolve("root"));
        Path local = Files.createDirectories(dir.resolve("local"));
        byte[] data = new byte[32 * 1024 * 1024 + 77];
        new Random(9).nextBytes(data);
        Files.write(local.resolve("up.bin"), data);
        try (SshServer server = start(root, false, user); SshSession s = login(server, user);
             SftpClient sftp = s.sftp()) {
            assertEquals("/", sftp.realpath("."));
            assertEquals(data.length, sftp.put(local.resolve("up.bin"), "up.bin"));
            assertArrayEquals(data, Files.readAllBytes(root.resolve("up.bin")));
            assertEquals(data.length, sftp.get("/up.bin", local.resolve("down.bin"),
                    TransferOptions.defaults().withMaxOutstanding(8), TransferListener.NONE));
            assertArrayEquals(data, Files.readAllBytes(local.resolve("down.bin")));

            sftp.mkdir("d");
            try (OutputStream out = sftp.openOutputStream("d/t.txt")) {
                out.write("text".getBytes(StandardCharsets.UTF_8));
            }
            try (InputStream in = sftp.openInputStream("d/t.txt")) {
                assertEquals("text", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            sftp.rename("d/t.txt", "d/u.txt");
            sftp.symlink("u.txt", "d/link");
            assertEquals("u.txt", sftp.readlink("d/link"));
            sftp.chmod("d/u.txt", 0600);
            assertEquals(0600, sftp.stat("d/link").permissions().getAsLong() & 07777);
            Set<String> names = sftp.list("d").stream().map(SftpEntry::name).collect(Collectors.toSet());
            assertTrue(names.containsAll(Set.of("u.txt", "link")), names.toString());
            CompletableFuture<Void> rm1 = sftp.removeAsync("d/link");
            CompletableFuture<Void> rm2 = sftp.removeAsync("d/u.txt");
            rm1.get();
            rm2.get();
            sftp.rmdir("d");
            assertFalse(Files.exists(root.resolve("d"), LinkOption.NOFOLLOW_LINKS));

            SftpException missing = assertThrows(SftpException.class, () -> sftp.stat("nope"));
            assertEquals(SftpConstants.SSH_FX_NO_SUCH_FILE, missing.code());
        }
    }

    @Test
    void aTransferCutOffByTheConnectionsEndFailsWithConnectionLost() throws Exception {
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.write(root.resolve("big.bin"), new byte[16 * 1024 * 1024]);
        try (SshServer server = start(root, false, user)) {
            SshSession s = login(server, user);
            try (SftpClient first = s.sftp(); SftpClient second = s.sftp()) {
                // two SFTP sessions on one connection, and the connection still runs commands
                assertEquals("/", first.realpath("."));
                second.mkdir("two");
                first.rmdir("two");
                java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
                CompletableFuture<Long> slow = second.getAsync("big.bin", dir.resolve("partial.bin"),
                        TransferOptions.defaults().withMaxOutstanding(1).withRequestSize(1024), new TransferListener() {
                            @Override
                            public void progress(long bytesDone, long expectedTotal) {
                                started.countDown();
                            }
                        });
                assertTrue(started.await(30, java.util.concurrent.TimeUnit.SECONDS));
                s.close();
                java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> slow.get(30, java.util.concurrent.TimeUnit.SECONDS));
                SftpException lost = assertInstanceOf(SftpException.class, e.getCause());
                assertEquals(SftpConstants.SSH_FX_CONNECTION_LOST, lost.code(), lost.getMessage());
                assertFalse(lost.fromServer());
                assertTrue(lost.getMessage().contains("SSH_FXP_READ"), lost.getMessage());
                assertThrows(java.io.IOException.class, () -> first.stat("big.bin"));
            }
        }
    }

    @Test
    void aListenerThatThrowsFailsItsTransferAndNothingElse() throws Exception {
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);
        Path root = Files.createDirectories(dir.resolve("root"));
        byte[] content = new byte[4 * 1024 * 1024];
        RANDOM.nextBytes(content);
        Files.write(root.resolve("file.bin"), content);
        try (SshServer server = start(root, false, user);
             SshSession s = login(server, user);
             SftpClient sftp = s.sftp()) {
            TransferListener throwing = new TransferListener() {
                @Override
                public void progress(long bytesDone, long expectedTotal) {
                    throw new IllegalStateException("listener bug");
                }
            };
            java.io.IOException e = assertThrows(java.io.IOException.class,
                    () -> sftp.get("file.bin", dir.resolve("got.bin"), TransferOptions.defaults(), throwing));
            assertTrue(e.getMessage().contains("listener threw"), e.getMessage());
            assertTrue(e.getMessage().contains("listener bug"), e.getMessage());
            // the bytes still arrived whole, and the connection and the SFTP session carry on
            assertArrayEquals(content, Files.readAllBytes(dir.resolve("got.bin")));
            assertEquals(content.length, sftp.stat("file.bin").size().getAsLong());
            assertEquals("still here\n", s.exec("echo still here").stdoutText());
        }
    }

    @Test
    void escapesFromTheRootAndWritesToAReadOnlyServerAreRefused() throws Exception {
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(dir.resolve("secret"), "outside");
        Files.createSymbolicLink(root.resolve("out"), dir.resolve("secret"));
        Files.writeString(root.resolve("r.txt"), "readable");
        Path local = Files.createDirectories(dir.resolve("local"));
        Files.writeString(local.resolve("x"), "x");
        try (SshServer server = start(root, true, user); SshSession s = login(server, user);
             SftpClient sftp = s.sftp()) {
            assertEquals(8, sftp.get("r.txt", local.resolve("r.txt")));
            SftpException up = assertThrows(SftpException.class, () -> sftp.get("../../etc/passwd",
                    local.resolve("stolen")));
            assertTrue(up.code() == SftpConstants.SSH_FX_NO_SUCH_FILE
                    || up.code() == SftpConstants.SSH_FX_PERMISSION_DENIED, up.getMessage());
            SftpException link = assertThrows(SftpException.class, () -> sftp.get("out", local.resolve("stolen2")));
            assertEquals(SftpConstants.SSH_FX_PERMISSION_DENIED, link.code(), link.getMessage());
            SftpException write = assertThrows(SftpException.class, () -> sftp.put(local.resolve("x"), "x"));
            assertEquals(SftpConstants.SSH_FX_PERMISSION_DENIED, write.code(), write.getMessage());
            SftpException mkdir = assertThrows(SftpException.class, () -> sftp.mkdir("d"));
            assertEquals(SftpConstants.SSH_FX_PERMISSION_DENIED, mkdir.code(), mkdir.getMessage());
            assertFalse(Files.exists(root.resolve("x")));
            assertEquals("outside", Files.readString(dir.resolve("secret")));
        }
    }
    /** Waits (bounded) until {@code done} holds. */
    private static void awaitTrue(java.util.function.BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * The event tap's "declined" route of {@link SftpClientChannel}: data the reader thread cannot
     * feed at once goes to the dispatcher thread, and later data follows it there, so the byte
     * stream stays in order. Two SFTP clients share one connection and so one dispatcher thread;
     * holding client B's lock parks the dispatcher in B's {@code onData}, which keeps client A's
     * declined data pending for as long as the test needs. The blocking driver (the default, which
     * {@link #login} uses) is the one with an event tap.
     */
    @Test
    void dataTheEventTapDeclinesTakesTheDispatcherRouteAndLaterDataFollowsIt() throws Exception {
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);
        Path root = Files.createDirectories(dir.resolve("root"));
        byte[] content = new byte[200_000];
        new Random(3).nextBytes(content);
        Files.write(root.resolve("r.bin"), content);
        try (SshServer server = start(root, false, user); SshSession s = login(server, user);
             SftpClient a = s.sftp(); SftpClient b = s.sftp(); SftpFileChannel file = a.openChannel("r.bin")) {
            assertEquals(Driver.BLOCKING, ClientOptions.builder().build().driver(), "the driver with the tap");
            SftpClientChannel glueA = a.channel();
            SftpClientChannel glueB = b.channel();
            assertEquals(0, glueA.declinedPending(), "with the client's lock free the tap takes every reply");
            assertTrue(a.requestSize() >= content.length, "one READ answers with the whole file");
            AtomicReference<CompletableFuture<Bytes>> read = new AtomicReference<>();
            AtomicReference<CompletableFuture<SftpAttributes>> statA = new AtomicReference<>();
            CompletableFuture<String> realpathB = glueB.locked(() -> {
                // B's reply is declined (B's lock is busy) and parks the dispatcher behind B's lock
                CompletableFuture<String> f = b.realpathAsync(".");
                awaitTrue(() -> glueB.declinedPending() >= 1, "B's reply was declined");
                // A's reply, 200 KB in 32 KiB CHANNEL_DATA messages, is declined while A's lock is held
                glueA.locked(() -> {
                    read.set(a.op(SftpRequests.read(file.handle(), 0, content.length), "r.bin",
                            SftpCompletion.Succeeded::data));
                    awaitTrue(() -> glueA.declinedPending() >= 1, "A's first data message was declined");
                    return null;
                });
                // A's lock is free now, yet A's next reply must not overtake the declined data
                // still queued for the dispatcher: the tap declines it too
                int before = glueA.declinedPending();
                statA.set(a.statAsync("r.bin"));
                awaitTrue(() -> glueA.declinedPending() > before || statA.get().isDone(),
                        "A's next reply arrived");
                assertFalse(statA.get().isDone(), "the reply after declined data was declined as well");
                assertFalse(read.get().isDone(), "nothing of A's READ reply was fed yet");
                assertFalse(f.isDone());
                return f;
            });
            assertEquals("/", realpathB.get(20, TimeUnit.SECONDS));
            assertArrayEquals(content, read.get().get(20, TimeUnit.SECONDS).toByteArray(),
                    "the dispatcher fed the declined messages whole and in order");
            assertEquals(content.length, statA.get().get(20, TimeUnit.SECONDS).size().getAsLong());
            awaitTrue(() -> glueA.declinedPending() == 0 && glueB.declinedPending() == 0,
                    "every declined message was handled");
            // the tap takes replies again: both sessions carry on
            assertEquals(content.length, a.stat("r.bin").size().getAsLong());
            assertEquals("/", b.realpath("."));
            assertEquals(0, glueA.declinedPending());
        }
    }

    /** The value of {@code f}, waited for (bounded). */
    private static <T> T a(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void extensionsOpenChannelAndResumesAnswerAsynchronouslyToo() throws Exception {
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("a.txt"), "copy me");
        try (SshServer server = start(root, false, user); SshSession s = login(server, user);
             SftpClient sftp = s.sftp()) {
            assertEquals("/", sftp.homeDirectoryAsync("").get(), "the empty name: the session's own user");
            CompletableFuture<Void> copy = sftp.copyAsync("a.txt", "b.txt");
            CompletableFuture<SftpFileChannel> opened = sftp.openChannelAsync("a.txt", java.nio.file.StandardOpenOption.APPEND);
            copy.get();
            assertEquals("copy me", Files.readString(root.resolve("b.txt")));
            try (SftpFileChannel ch = opened.get()) {
                assertEquals(7, ch.position(), "APPEND starts at the end");
                ch.write(java.nio.ByteBuffer.wrap("!".getBytes(StandardCharsets.UTF_8)));
            }
            assertEquals("copy me!", Files.readString(root.resolve("a.txt")));
            // resumes: only the missing tail crosses, each way
            Path local = dir.resolve("part.txt");
            Files.writeString(local, "copy");
            assertEquals(4, a(sftp.getResumeAsync("a.txt", local, TransferListener.NONE)));
            assertEquals("copy me!", Files.readString(local));
            Files.writeString(local, "copy me! and more");
            assertEquals(9, a(sftp.putResumeAsync(local, "a.txt", TransferListener.NONE)));
            assertEquals("copy me! and more", Files.readString(root.resolve("a.txt")));
            // an extension the server does not offer fails through the future, without being sent
            assertFalse(sftp.offers(SftpConstants.EXT_USERS_GROUPS_BY_ID));
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> sftp.usersGroupsByIdAsync(List.of(0L), List.of(0L)).get());
            SftpException unsupported = assertInstanceOf(SftpException.class, e.getCause());
            assertEquals(SftpConstants.SSH_FX_OP_UNSUPPORTED, unsupported.code());
            assertFalse(unsupported.fromServer());
        }
    }
}
