package io.sanssh.drivers.blocking;

import io.sanssh.drivers.testing.Engines;
import io.sanssh.drivers.testing.MessageLog;
import io.sanssh.engine.Role;
import io.sanssh.engine.testing.TestRandom;
import io.sanssh.engine.transport.Transport;
import io.sanssh.engine.transport.TransportConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client transport and a server transport, each on its own {@link BlockingConnection}, over a
 * real TCP connection on 127.0.0.1. Closing it closes both connections and the listening socket.
 */
final class BlockingPair implements AutoCloseable {
    final MessageLog atClient = new MessageLog();
    final MessageLog atServer = new MessageLog();
    final BlockingConnection<Transport> client;
    final BlockingConnection<Transport> server;

    BlockingPair(long seed, TransportConfig clientConfig, TransportConfig serverConfig, BlockingOptions options)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        BlockingConnection<Transport> c = null;
        BlockingConnection<Transport> s = null;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(10_000);
            CompletableFuture<BlockingConnection<Transport>> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    Socket sock = listener.accept();
                    return BlockingConnection.open(sock, now -> Engines.transport(Role.SERVER, serverConfig,
                            TestRandom.seeded(seed * 2 + 1), atServer, now), options);
                } catch (IOException e) {
                    throw new IllegalStateException("accept failed", e);
                }
            });
            try {
                c = BlockingConnection.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        listener.getLocalPort()), now -> Engines.transport(Role.CLIENT, clientConfig,
                        TestRandom.seeded(seed * 2), atClient, now), options);
                s = accepted.get(10, TimeUnit.SECONDS);
            } finally {
                if (s == null) {
                    accepted.thenAccept(BlockingConnection::close);
                    if (c != null) {
                        c.close();
                    }
                }
            }
        }
        this.client = c;
        this.server = s;
    }

    BlockingPair(long seed) throws Exception {
        this(seed, Engines.client().build(), Engines.server().build(), BlockingOptions.defaults());
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
