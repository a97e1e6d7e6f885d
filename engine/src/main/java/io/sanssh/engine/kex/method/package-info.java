/**
 * Key exchange methods (RFC 4253 §7-§8): the key agreements, the group exchange bounds and the
 * exchange hash. Everything here is pure computation over byte arrays, with randomness passed
 * in; the message flow around it belongs to the key exchange state machine in
 * {@code io.sanssh.engine.kex}.
 *
 * <p>Entry points: {@link io.sanssh.engine.kex.method.KexMethods} (names, shapes, hashes, and a
 * fresh {@link io.sanssh.engine.kex.method.KeyAgreement} per exchange),
 * {@link io.sanssh.engine.kex.method.GroupExchange} (RFC 4419 groups) and
 * {@link io.sanssh.engine.kex.method.ExchangeHash} (H). Every invalid peer value fails with
 * {@link io.sanssh.spec.wire.SshFormatException} carrying
 * {@link io.sanssh.spec.wire.DisconnectReason#KEY_EXCHANGE_FAILED}; nothing else escapes for
 * peer input.
 */
package io.sanssh.engine.kex.method;
