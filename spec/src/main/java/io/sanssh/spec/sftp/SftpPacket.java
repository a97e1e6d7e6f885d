package io.sanssh.spec.sftp;

import io.sanssh.spec.wire.SshWriter;

/**
 * One SFTP packet (draft-ietf-secsh-filexfer-02 §3): {@code uint32 length, byte type, byte[length-1]
 * data}. Records of this type hold the type and the data; {@link SftpCodec} adds the length.
 *
 * <p>The hierarchy follows the direction of travel, which is also how a peer decodes:
 * <ul>
 *   <li>{@link SftpRequest}, client to server: {@link SftpRequest.Init}, the path requests of
 *       {@link SftpPathRequest}, the handle requests of {@link SftpHandleRequest},
 *       {@link SftpExtended} with its typed {@link SftpExtendedRequest}, and
 *       {@link SftpRequest.Unknown} for types the draft does not define;
 *   <li>{@link SftpReply}, server to client: {@link SftpReply.Version} and the responses of §7.
 * </ul>
 *
 * <p>Every record is immutable; paths, handles and data are {@link io.sanssh.spec.wire.Bytes}
 * because the draft's strings are byte strings and OpenSSH passes paths to the file system as
 * they are, whatever their encoding.
 */
public sealed interface SftpPacket permits SftpRequest, SftpReply {

    /** The packet type byte, one of {@code SftpConstants.SSH_FXP_*}. */
    int type();

    /** Writes the data after the type byte: for every packet but INIT and VERSION, the id first. */
    void encodeBody(SshWriter w);
}
