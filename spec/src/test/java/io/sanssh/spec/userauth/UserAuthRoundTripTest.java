package io.sanssh.spec.userauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.message.UnknownMessage;
import io.sanssh.spec.testing.CodecAssertions;
import io.sanssh.spec.testing.Gen;
import io.sanssh.spec.userauth.AuthMethodBody.HostbasedAuth;
import io.sanssh.spec.userauth.AuthMethodBody.KeyboardInteractiveAuth;
import io.sanssh.spec.userauth.AuthMethodBody.NoneAuth;
import io.sanssh.spec.userauth.AuthMethodBody.PasswordAuth;
import io.sanssh.spec.userauth.AuthMethodBody.PublicKeyAuth;
import io.sanssh.spec.userauth.AuthMethodBody.UnknownAuth;
import io.sanssh.spec.userauth.UserAuthInfoRequest.Prompt;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded round trips over random values of every record and every method body:
 * {@code decode(encode(x)) == x} and {@code encode(decode(b)) == b}. A failure prints its seed.
 */
class UserAuthRoundTripTest {
    private static final int SEEDS = 300;

    /** One kind of value, with the context it is decoded in. */
    enum Kind {
        REQUEST_NONE(AuthMethodContext.OTHER, g -> request(g, new NoneAuth())),
        REQUEST_PASSWORD(AuthMethodContext.OTHER, g -> request(g, PasswordAuth.login(g.text()))),
        REQUEST_PASSWORD_CHANGE(AuthMethodContext.PASSWORD, g -> request(g, PasswordAuth.change(g.text(), g.text()))),
        REQUEST_PUBLICKEY_QUERY(AuthMethodContext.OTHER, g -> request(g, PublicKeyAuth.query(g.name(), g.bytes(80)))),
        REQUEST_PUBLICKEY_SIGNED(AuthMethodContext.PUBLICKEY,
                g -> request(g, PublicKeyAuth.signed(g.name(), g.bytes(80), g.bytes(120)))),
        REQUEST_HOSTBOUND_QUERY(AuthMethodContext.OTHER,
                g -> request(g, PublicKeyAuth.hostboundQuery(g.name(), g.bytes(80), g.bytes(80)))),
        REQUEST_HOSTBOUND_SIGNED(AuthMethodContext.PUBLICKEY,
                g -> request(g, PublicKeyAuth.hostboundSigned(g.name(), g.bytes(80), g.bytes(80), g.bytes(120)))),
        REQUEST_KEYBOARD_INTERACTIVE(AuthMethodContext.KEYBOARD_INTERACTIVE,
                g -> request(g, new KeyboardInteractiveAuth(g.oneOf("", "en-US", g.text()), g.text()))),
        REQUEST_HOSTBASED(AuthMethodContext.OTHER,
                g -> request(g, new HostbasedAuth(g.name(), g.bytes(80), g.name(), g.text(), g.bytes(120)))),
        REQUEST_UNKNOWN_METHOD(AuthMethodContext.OTHER, g -> new UserAuthRequest(g.text(), g.name(),
                unknownMethod(g), new UnknownAuth(g.bytes(40)))),
        FAILURE(AuthMethodContext.PUBLICKEY, g -> new UserAuthFailure(g.nameList(), g.bool())),
        SUCCESS(AuthMethodContext.OTHER, g -> UserAuthSuccess.INSTANCE),
        BANNER(AuthMethodContext.OTHER, g -> new UserAuthBanner(g.text(), g.oneOf("", "en", g.text()))),
        PK_OK(AuthMethodContext.PUBLICKEY, g -> new UserAuthPkOk(g.name(), g.bytes(80))),
        PASSWD_CHANGEREQ(AuthMethodContext.PASSWORD, g -> new UserAuthPasswdChangeReq(g.text(), g.text())),
        INFO_REQUEST(AuthMethodContext.KEYBOARD_INTERACTIVE, UserAuthRoundTripTest::infoRequest),
        INFO_RESPONSE(AuthMethodContext.KEYBOARD_INTERACTIVE, UserAuthRoundTripTest::infoResponse),
        UNKNOWN_NUMBER(AuthMethodContext.OTHER,
                g -> new UnknownMessage(g.oneOf(54, 55, 56, 57, 58, 59, 60, 61, 62, 70, 79), g.bytes(30)));

        final AuthMethodContext context;
        final Function<Gen, SshMessage> generator;

        Kind(AuthMethodContext context, Function<Gen, SshMessage> generator) {
            this.context = context;
            this.generator = generator;
        }
    }

    private static UserAuthRequest request(Gen g, AuthMethodBody body) {
        String service = g.oneOf(UserAuthRequest.SSH_CONNECTION, g.name());
        return UserAuthRequest.of(g.text(), service, body);
    }

    private static String unknownMethod(Gen g) {
        String name = g.name();
        return AuthMethodBody.isKnownMethod(name) ? name + "-x" : name;
    }

    private static UserAuthInfoRequest infoRequest(Gen g) {
        List<Prompt> prompts = new ArrayList<>();
        for (int i = g.nextInt(5); i > 0; i--) {
            prompts.add(new Prompt(g.text(), g.bool()));
        }
        return new UserAuthInfoRequest(g.text(), g.text(), g.oneOf("", g.text()), prompts);
    }

    private static UserAuthInfoResponse infoResponse(Gen g) {
        List<String> responses = new ArrayList<>();
        for (int i = g.nextInt(5); i > 0; i--) {
            responses.add(g.text());
        }
        return new UserAuthInfoResponse(responses);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void randomValuesSurviveEncodeThenDecode(Kind kind) {
        for (long seed = 0; seed < SEEDS; seed++) {
            Gen g = new Gen(seed * 31 + kind.ordinal());
            SshMessage value = kind.generator.apply(g);
            CodecAssertions.assertRoundTrip(value, SshMessage::encode,
                    b -> UserAuthCodec.decode(b, kind.context), g.seed());
        }
    }

    @Test
    void everyBodyKindIsCovered() {
        Set<Class<?>> seen = new java.util.HashSet<>();
        for (Kind kind : EnumSet.allOf(Kind.class)) {
            if (kind.generator.apply(new Gen(1)) instanceof UserAuthRequest r) {
                seen.add(r.body().getClass());
            }
        }
        assertEquals(Set.of(AuthMethodBody.class.getPermittedSubclasses()), seen);
    }
}
