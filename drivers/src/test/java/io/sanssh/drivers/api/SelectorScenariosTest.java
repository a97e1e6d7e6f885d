package io.sanssh.drivers.api;

/** The driver scenarios over the selector driver (a loop for the server, one for the client). */
class SelectorScenariosTest extends DriverScenarios {
    @Override
    Peers open(ServerOptions.Builder server, ClientOptions.Builder client) throws Exception {
        return new SocketPeers(Driver.SELECTOR, server, client);
    }
}
