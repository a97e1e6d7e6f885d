package io.sanssh.engine.keys;

import io.sanssh.spec.wire.SshWriter;

/**
 * A built-in key pair that can write its private half in the openssh-key-v1 layout
 * (PROTOCOL.key): the key type string, then the type's private fields.
 */
interface OpenSshPrivateKey extends SshKeyPair {
    /** Writes {@code string type} and the private fields, without the comment. */
    void writeOpenSshPrivate(SshWriter w);
}
