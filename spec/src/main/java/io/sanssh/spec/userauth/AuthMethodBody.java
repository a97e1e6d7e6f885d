package io.sanssh.spec.userauth;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * The method-specific fields of {@code SSH_MSG_USERAUTH_REQUEST}: everything after the method name
 * (RFC 4252 §5). One record per method this library knows; {@link UnknownAuth} keeps the bytes of
 * any other method, so a server can answer it with {@code SSH_MSG_USERAUTH_FAILURE} and a proxy
 * can pass it on unchanged.
 *
 * <p>A body is placed in a {@link UserAuthRequest}, which checks that the method name and the
 * body agree.
 */
public sealed interface AuthMethodBody {
    /** Method name of RFC 4252 §5.2. */
    String NONE = "none";
    /** Method name of RFC 4252 §8. */
    String PASSWORD = "password";
    /** Method name of RFC 4252 §7. */
    String PUBLICKEY = "publickey";
    /** OpenSSH's host-bound public key method (OpenSSH PROTOCOL §3.1 "Host-bound public key authentication"). */
    String PUBLICKEY_HOSTBOUND = "publickey-hostbound-v00@openssh.com";
    /** Method name of RFC 4256 §3.1. */
    String KEYBOARD_INTERACTIVE = "keyboard-interactive";
    /** Method name of RFC 4252 §9. */
    String HOSTBASED = "hostbased";

    /**
     * The method name this body is sent under, or {@code null} for {@link UnknownAuth}, whose name
     * lives only in the enclosing request.
     */
    String methodName();

    /** Writes the method-specific fields; called by {@link UserAuthRequest#encodeBody}. */
    void encode(SshWriter w);

    /** Whether {@code method} is one of the names this interface has a record for. */
    static boolean isKnownMethod(String method) {
        return switch (method) {
            case NONE, PASSWORD, PUBLICKEY, PUBLICKEY_HOSTBOUND, KEYBOARD_INTERACTIVE, HOSTBASED -> true;
            default -> false;
        };
    }

    /**
     * Reads the fields of {@code method} up to the end of the known layout; the caller checks that
     * nothing follows. Throws {@link io.sanssh.spec.wire.SshFormatException} on malformed input.
     */
    static AuthMethodBody read(String method, SshReader r) {
        return switch (method) {
            case NONE -> new NoneAuth();
            case PASSWORD -> PasswordAuth.read(r);
            case PUBLICKEY -> PublicKeyAuth.read(r, false);
            case PUBLICKEY_HOSTBOUND -> PublicKeyAuth.read(r, true);
            case KEYBOARD_INTERACTIVE -> new KeyboardInteractiveAuth(r.readUtf8(), r.readUtf8());
            case HOSTBASED -> new HostbasedAuth(r.readAscii(), r.readString(), r.readAscii(), r.readUtf8(),
                    r.readString());
            default -> new UnknownAuth(r.readRemaining());
        };
    }

    /** Method "none" (RFC 4252 §5.2): no fields; used to learn which methods can continue. */
    record NoneAuth() implements AuthMethodBody {
        @Override
        public String methodName() {
            return NONE;
        }

        @Override
        public void encode(SshWriter w) {
            // no method-specific fields
        }
    }

    /**
     * Method "password" (RFC 4252 §8). With {@code change} false it carries the password; with
     * {@code change} true, the old and the new password, in answer to
     * {@code SSH_MSG_USERAUTH_PASSWD_CHANGEREQ}.
     *
     * @param newPassword the new password, present exactly when {@code change} is true
     */
    record PasswordAuth(boolean change, String password, String newPassword) implements AuthMethodBody {
        public PasswordAuth {
            FieldChecks.utf8(password, "password");
            if (change != (newPassword != null)) {
                throw new IllegalArgumentException("newPassword must be present exactly when change is true");
            }
            if (newPassword != null) {
                FieldChecks.utf8(newPassword, "newPassword");
            }
        }

        /** A plain login attempt (RFC 4252 §8, first form). */
        public static PasswordAuth login(String password) {
            return new PasswordAuth(false, password, null);
        }

        /** A change of an expired password (RFC 4252 §8, second form). */
        public static PasswordAuth change(String oldPassword, String newPassword) {
            return new PasswordAuth(true, oldPassword, newPassword);
        }

        static PasswordAuth read(SshReader r) {
            boolean change = r.readBoolean();
            String password = r.readUtf8();
            return new PasswordAuth(change, password, change ? r.readUtf8() : null);
        }

        @Override
        public String methodName() {
            return PASSWORD;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeBoolean(change).writeUtf8(password);
            if (change) {
                w.writeUtf8(newPassword);
            }
        }

        /** Passwords stay out of logs. */
        @Override
        public String toString() {
            return "PasswordAuth[change=" + change + ", password=<redacted>"
                    + (change ? ", newPassword=<redacted>]" : "]");
        }
    }

    /**
     * Methods "publickey" (RFC 4252 §7) and "publickey-hostbound-v00@openssh.com" (OpenSSH PROTOCOL
     * §3.1), which adds the server's host key after the public key so that the signature binds the
     * session to that server.
     *
     * <p>Without a signature it asks whether the key would be accepted (answered by
     * {@link UserAuthPkOk}); with one it authenticates. The signature covers the data built by
     * {@link AuthSignedData#publicKey}.
     *
     * @param hasSignature whether a signature follows; true exactly when {@code signature} is present
     * @param publicKey the public key blob (RFC 4253 §6.6 format)
     * @param hostKey the server host key blob for the host-bound method, {@code null} for "publickey"
     * @param signature the signature blob, or {@code null}
     */
    record PublicKeyAuth(boolean hasSignature, String algorithm, Bytes publicKey, Bytes hostKey, Bytes signature)
            implements AuthMethodBody {
        public PublicKeyAuth {
            FieldChecks.ascii(algorithm, "algorithm");
            Objects.requireNonNull(publicKey, "publicKey");
            if (hasSignature != (signature != null)) {
                throw new IllegalArgumentException("signature must be present exactly when hasSignature is true");
            }
        }

        /** A "publickey" query without signature (RFC 4252 §7, first form). */
        public static PublicKeyAuth query(String algorithm, Bytes publicKey) {
            return new PublicKeyAuth(false, algorithm, publicKey, null, null);
        }

        /** A signed "publickey" request (RFC 4252 §7, second form). */
        public static PublicKeyAuth signed(String algorithm, Bytes publicKey, Bytes signature) {
            return new PublicKeyAuth(true, algorithm, publicKey, null, signature);
        }

        /** A host-bound query without signature (OpenSSH PROTOCOL §3.1). */
        public static PublicKeyAuth hostboundQuery(String algorithm, Bytes publicKey, Bytes hostKey) {
            return new PublicKeyAuth(false, algorithm, publicKey, Objects.requireNonNull(hostKey, "hostKey"), null);
        }

        /** A signed host-bound request (OpenSSH PROTOCOL §3.1). */
        public static PublicKeyAuth hostboundSigned(String algorithm, Bytes publicKey, Bytes hostKey,
                                                    Bytes signature) {
            return new PublicKeyAuth(true, algorithm, publicKey, Objects.requireNonNull(hostKey, "hostKey"),
                    signature);
        }

        /** This request with {@code signature} added: call after signing {@link AuthSignedData#publicKey}. */
        public PublicKeyAuth withSignature(Bytes signature) {
            return new PublicKeyAuth(true, algorithm, publicKey, hostKey, Objects.requireNonNull(signature));
        }

        /** Whether this is the host-bound variant. */
        public boolean isHostbound() {
            return hostKey != null;
        }

        static PublicKeyAuth read(SshReader r, boolean hostbound) {
            boolean hasSignature = r.readBoolean();
            String algorithm = r.readAscii();
            Bytes key = r.readString();
            Bytes hostKey = hostbound ? r.readString() : null;
            Bytes signature = hasSignature ? r.readString() : null;
            return new PublicKeyAuth(hasSignature, algorithm, key, hostKey, signature);
        }

        @Override
        public String methodName() {
            return hostKey != null ? PUBLICKEY_HOSTBOUND : PUBLICKEY;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeBoolean(hasSignature).writeAscii(algorithm).writeString(publicKey);
            if (hostKey != null) {
                w.writeString(hostKey);
            }
            if (hasSignature) {
                w.writeString(signature);
            }
        }
    }

    /**
     * Method "keyboard-interactive" (RFC 4256 §3.1). The server answers with
     * {@link UserAuthInfoRequest}s.
     *
     * @param language deprecated language tag, normally empty
     * @param submethods comma-separated hints for the server, normally empty
     */
    record KeyboardInteractiveAuth(String language, String submethods) implements AuthMethodBody {
        public KeyboardInteractiveAuth {
            FieldChecks.utf8(language, "language");
            FieldChecks.utf8(submethods, "submethods");
        }

        @Override
        public String methodName() {
            return KEYBOARD_INTERACTIVE;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUtf8(language).writeUtf8(submethods);
        }
    }

    /**
     * Method "hostbased" (RFC 4252 §9): the client host proves its identity with its host key.
     * The signature covers the data built by {@link AuthSignedData#hostbased}.
     *
     * @param clientHost the client's host name as a US-ASCII FQDN
     * @param clientUser the user name on the client host
     */
    record HostbasedAuth(String algorithm, Bytes publicKey, String clientHost, String clientUser, Bytes signature)
            implements AuthMethodBody {
        public HostbasedAuth {
            FieldChecks.ascii(algorithm, "algorithm");
            Objects.requireNonNull(publicKey, "publicKey");
            FieldChecks.ascii(clientHost, "clientHost");
            FieldChecks.utf8(clientUser, "clientUser");
            Objects.requireNonNull(signature, "signature");
        }

        @Override
        public String methodName() {
            return HOSTBASED;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeAscii(algorithm).writeString(publicKey).writeAscii(clientHost).writeUtf8(clientUser)
                    .writeString(signature);
        }
    }

    /** Any other method (for example "gssapi-with-mic"): its fields, kept as they are. */
    record UnknownAuth(Bytes rest) implements AuthMethodBody {
        public UnknownAuth {
            Objects.requireNonNull(rest, "rest");
        }

        @Override
        public String methodName() {
            return null;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeRaw(rest);
        }
    }
}
