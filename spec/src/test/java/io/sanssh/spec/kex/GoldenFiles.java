package io.sanssh.spec.kex;

import io.sanssh.spec.testing.Hex;

/** Loads the hex golden files of this package's test resources ({@code #} comments allowed). */
final class GoldenFiles {
    private GoldenFiles() {
    }

    static final String CLIENT_ECDH_INIT = "openssh-9.2p1-client-kex-ecdh-init.hex";
    static final String SERVER_ECDH_REPLY = "openssh-9.2p1-server-kex-ecdh-reply.hex";
    static final String CLIENT_DH_INIT = "openssh-9.2p1-client-kexdh-init.hex";
    static final String SERVER_DH_REPLY = "openssh-9.2p1-server-kexdh-reply.hex";
    static final String CLIENT_GEX_REQUEST = "openssh-9.2p1-client-kex-dh-gex-request.hex";
    static final String SERVER_GEX_GROUP = "openssh-9.2p1-server-kex-dh-gex-group.hex";
    static final String CLIENT_GEX_INIT = "openssh-9.2p1-client-kex-dh-gex-init.hex";
    static final String SERVER_GEX_REPLY = "openssh-9.2p1-server-kex-dh-gex-reply.hex";

    static byte[] load(String name) {
        return Hex.resource(GoldenFiles.class, name);
    }
}
