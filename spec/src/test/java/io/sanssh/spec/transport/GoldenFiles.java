package io.sanssh.spec.transport;

import io.sanssh.spec.testing.Hex;

/** Loads the hex golden files of this package's test resources ({@code #} comments allowed). */
final class GoldenFiles {
    private GoldenFiles() {
    }

    static final String SERVER_KEXINIT = "openssh-9.2p1-server-kexinit.hex";
    static final String CLIENT_KEXINIT = "openssh-9.2p1-client-kexinit.hex";
    static final String SERVER_DISCONNECT = "openssh-9.2p1-server-disconnect.hex";
    static final String SERVER_VERSION = "openssh-9.2p1-server-version.hex";
    static final String CLIENT_VERSION = "openssh-9.2p1-client-version.hex";

    static byte[] load(String name) {
        return Hex.resource(GoldenFiles.class, name);
    }
}
