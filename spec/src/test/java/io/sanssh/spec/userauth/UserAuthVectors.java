package io.sanssh.spec.userauth;

import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.message.UnknownMessage;
import io.sanssh.spec.testing.Hex;
import io.sanssh.spec.userauth.AuthMethodBody.HostbasedAuth;
import io.sanssh.spec.userauth.AuthMethodBody.KeyboardInteractiveAuth;
import io.sanssh.spec.userauth.AuthMethodBody.NoneAuth;
import io.sanssh.spec.userauth.AuthMethodBody.PasswordAuth;
import io.sanssh.spec.userauth.AuthMethodBody.PublicKeyAuth;
import io.sanssh.spec.userauth.AuthMethodBody.UnknownAuth;
import io.sanssh.spec.userauth.UserAuthInfoRequest.Prompt;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The golden vectors of this package: each names a hex file in {@code vectors/} (assembled field by
 * field from the RFC layouts, one comment per field), the context it is decoded in, and the record
 * it stands for. The same payloads seed the fuzz test.
 */
final class UserAuthVectors {
    private UserAuthVectors() {
    }

    /** The ed25519 user key made for the OpenSSH capture (blob of RFC 8709 §4). */
    static final Bytes USER_KEY = Bytes.fromHex("0000000b7373682d65643235353139"
            + "000000202bbed06209170e783a92e29d341b1daa3cd3710e944a5153407083456afed224");
    /** The ed25519 host key of the sshd used for the OpenSSH capture. */
    static final Bytes HOST_KEY = Bytes.fromHex("0000000b7373682d65643235353139"
            + "00000020815e47896619925dff7770f67250c3cea8a70b3098b2c02f4b00c9a7759b589e");
    /** A signature blob with the right shape and placeholder bytes 00..3f. */
    static final Bytes SIGNATURE = Bytes.fromHex("0000000b7373682d65643235353139" + "00000040"
            + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");

    /** One golden vector. */
    record Vector(String name, AuthMethodContext context, SshMessage expected) {
        byte[] bytes() {
            return load(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static UserAuthRequest alice(AuthMethodBody body) {
        return UserAuthRequest.of("alice", "ssh-connection", body);
    }

    static final List<Vector> ALL = List.of(
            new Vector("request-none", AuthMethodContext.OTHER, alice(new NoneAuth())),
            new Vector("request-password", AuthMethodContext.OTHER, alice(PasswordAuth.login("hunter2"))),
            new Vector("request-password-change", AuthMethodContext.OTHER,
                    alice(PasswordAuth.change("old", "n\u00e9w"))),
            new Vector("request-publickey-query", AuthMethodContext.OTHER,
                    alice(PublicKeyAuth.query("ssh-ed25519", USER_KEY))),
            new Vector("request-publickey-signed", AuthMethodContext.PUBLICKEY,
                    alice(PublicKeyAuth.signed("ssh-ed25519", USER_KEY, SIGNATURE))),
            new Vector("request-hostbound-query", AuthMethodContext.OTHER,
                    alice(PublicKeyAuth.hostboundQuery("ssh-ed25519", USER_KEY, HOST_KEY))),
            new Vector("request-hostbound-signed", AuthMethodContext.PUBLICKEY,
                    alice(PublicKeyAuth.hostboundSigned("ssh-ed25519", USER_KEY, HOST_KEY, SIGNATURE))),
            new Vector("request-keyboard-interactive", AuthMethodContext.OTHER,
                    alice(new KeyboardInteractiveAuth("", "pam"))),
            new Vector("request-hostbased", AuthMethodContext.OTHER,
                    alice(new HostbasedAuth("ssh-ed25519", HOST_KEY, "client.example.com", "bob", SIGNATURE))),
            new Vector("request-unknown-method", AuthMethodContext.OTHER,
                    new UserAuthRequest("alice", "ssh-connection", "gssapi-with-mic",
                            new UnknownAuth(Bytes.fromHex("00000001 0000000b 06092a864886f712010202")))),
            new Vector("failure", AuthMethodContext.PUBLICKEY,
                    new UserAuthFailure(List.of("publickey", "password"), false)),
            new Vector("failure-partial", AuthMethodContext.PASSWORD,
                    new UserAuthFailure(List.of("keyboard-interactive"), true)),
            new Vector("failure-empty-list", AuthMethodContext.OTHER, new UserAuthFailure(List.of(), false)),
            new Vector("success", AuthMethodContext.KEYBOARD_INTERACTIVE, UserAuthSuccess.INSTANCE),
            new Vector("banner", AuthMethodContext.OTHER, new UserAuthBanner("Welcome \u2603\r\n", "en")),
            new Vector("pk-ok", AuthMethodContext.PUBLICKEY, new UserAuthPkOk("ssh-ed25519", USER_KEY)),
            new Vector("passwd-changereq", AuthMethodContext.PASSWORD,
                    new UserAuthPasswdChangeReq("Password expired", "")),
            new Vector("info-request", AuthMethodContext.KEYBOARD_INTERACTIVE,
                    new UserAuthInfoRequest("Login", "Two factors", "",
                            List.of(new Prompt("Password: ", false), new Prompt("Code: ", true)))),
            new Vector("info-request-no-prompts", AuthMethodContext.KEYBOARD_INTERACTIVE, UserAuthInfoRequest.of()),
            new Vector("info-response", AuthMethodContext.KEYBOARD_INTERACTIVE,
                    new UserAuthInfoResponse(List.of("hunter2", "123456"))),
            new Vector("unknown-60-in-other-context", AuthMethodContext.OTHER,
                    new UnknownMessage(60, Bytes.fromHex("00000003616263"))),
            new Vector("unknown-79", AuthMethodContext.PUBLICKEY, new UnknownMessage(79, Bytes.fromHex("ff"))));

    /** The bytes of {@code vectors/<name>.hex}, comments removed. */
    static byte[] load(String name) {
        String path = "vectors/" + name + ".hex";
        try (InputStream in = UserAuthVectors.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return Hex.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
