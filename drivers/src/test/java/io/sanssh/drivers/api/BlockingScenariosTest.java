package io.sanssh.drivers.api;

/** The driver scenarios over the blocking driver. */
class BlockingScenariosTest extends DriverScenarios {
    @Override
    Peers open(ServerOptions.Builder server, ClientOptions.Builder client) throws Exception {
        return new SocketPeers(Driver.BLOCKING, server, client);
    }
}
