package io.sanssh.engine.auth;

import io.sanssh.engine.keys.CertificateChecker;
import java.util.OptionalLong;

/**
 * What a server-side authenticator may know about the attempt besides user and credentials: the
 * client's address, the current time (for certificate validity and {@code expiry-time}), and the
 * certificate checker to apply. Built by {@link ServerAuthLayer} for every attempt from its
 * {@link ServerAuthConfig}.
 *
 * @param clientAddress the client's IP address as text ({@code 192.0.2.7}, {@code 2001:db8::7}),
 *     or {@code null} if the driver did not say; {@code from=} restrictions never match without it
 * @param clientHost the client's canonical host name, or {@code null}
 * @param nowEpochSeconds the current time in seconds since the epoch, empty when the
 *     configuration has no time source: then certificates and keys with {@code expiry-time} are
 *     refused rather than checked against a made-up time
 * @param certificateChecker how user certificates are checked
 */
public record AuthContext(String clientAddress, String clientHost, OptionalLong nowEpochSeconds,
                          CertificateChecker certificateChecker) {
}
