package io.sanssh.drivers.api;

/** Every {@link SshClientServerTest} with client and server on the selector driver. */
class SelectorSshClientServerTest extends SshClientServerTest {
    @Override
    Driver driver() {
        return Driver.SELECTOR;
    }
}
