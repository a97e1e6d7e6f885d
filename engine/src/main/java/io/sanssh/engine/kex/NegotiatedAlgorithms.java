package io.sanssh.engine.kex;

/**
 * The outcome of algorithm negotiation (RFC 4253 §7.1) for one key exchange.
 *
 * @param kex the key exchange method
 * @param hostKey the host key (signature) algorithm
 * @param cipherClientToServer cipher, client to server
 * @param cipherServerToClient cipher, server to client
 * @param macClientToServer MAC client to server, or {@code null} when the cipher is an AEAD
 * @param macServerToClient MAC server to client, or {@code null} when the cipher is an AEAD
 * @param compressionClientToServer compression, client to server
 * @param compressionServerToClient compression, server to client
 */
public record NegotiatedAlgorithms(String kex, String hostKey, String cipherClientToServer,
                                   String cipherServerToClient, String macClientToServer,
                                   String macServerToClient, String compressionClientToServer,
                                   String compressionServerToClient) {
}
