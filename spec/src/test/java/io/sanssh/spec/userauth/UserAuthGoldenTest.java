package io.sanssh.spec.userauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.message.UnknownMessage;
import io.sanssh.spec.testing.CodecAssertions;
import io.sanssh.spec.userauth.AuthMethodBody.PasswordAuth;
import io.sanssh.spec.userauth.AuthMethodBody.PublicKeyAuth;
import io.sanssh.spec.userauth.AuthMethodBody.UnknownAuth;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden vectors of RFC 4252, RFC 4256 and OpenSSH PROTOCOL §3.1, and the context rules of numbers 60-79. */
class UserAuthGoldenTest {

    static Stream<UserAuthVectors.Vector> vectors() {
        return UserAuthVectors.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void goldenBytesDecodeToTheRecordAndTheRecordEncodesToThem(UserAuthVectors.Vector v) {
        CodecAssertions.assertGolden(v.bytes(), v.expected(), SshMessage::encode,
                b -> UserAuthCodec.decode(b, v.context()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void fuzzSeedCorpusHoldsEveryGoldenVector(UserAuthVectors.Vector v) throws IOException {
        String path = "UserAuthCodecFuzzTestInputs/decodeUnderEveryContext/" + v.name();
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertNotNull(in, "missing seed " + path);
            assertArrayEquals(v.bytes(), in.readAllBytes(), "seed " + path + " differs from its golden vector");
        }
    }

    @Test
    void numberSixtyMeansWhatTheMethodInProgressSays() {
        byte[] pkOk = UserAuthVectors.load("pk-ok");
        assertInstanceOf(UserAuthPkOk.class, UserAuthCodec.decode(pkOk, AuthMethodContext.PUBLICKEY));
        assertEquals(new UnknownMessage(60, Bytes.of(pkOk, 1, pkOk.length - 1)),
                UserAuthCodec.decode(pkOk, AuthMethodContext.OTHER));

        byte[] changeReq = UserAuthVectors.load("passwd-changereq");
        assertInstanceOf(UserAuthPasswdChangeReq.class, UserAuthCodec.decode(changeReq, AuthMethodContext.PASSWORD));
        // the same bytes read as PK_OK: algorithm "Password expired" would contain a space, still printable
        assertEquals(new UserAuthPkOk("Password expired", Bytes.EMPTY),
                UserAuthCodec.decode(changeReq, AuthMethodContext.PUBLICKEY));

        byte[] info = UserAuthVectors.load("info-request");
        assertInstanceOf(UserAuthInfoRequest.class, UserAuthCodec.decode(info, AuthMethodContext.KEYBOARD_INTERACTIVE));
    }

    @Test
    void infoResponseIsOnlyKnownDuringKeyboardInteractive() {
        byte[] response = UserAuthVectors.load("info-response");
        for (AuthMethodContext ctx : List.of(AuthMethodContext.OTHER, AuthMethodContext.PUBLICKEY,
                AuthMethodContext.PASSWORD)) {
            assertEquals(new UnknownMessage(61, Bytes.of(response, 1, response.length - 1)),
                    UserAuthCodec.decode(response, ctx));
        }
    }

    @Test
    void unassignedNumbersOfTheRangeAreUnknownInEveryContext() {
        for (int n : new int[] {54, 55, 59, 62, 70, 79}) {
            for (AuthMethodContext ctx : AuthMethodContext.values()) {
                assertEquals(new UnknownMessage(n, Bytes.fromHex("0102")),
                        UserAuthCodec.decode(new byte[] {(byte) n, 1, 2}, ctx));
            }
        }
    }

    @Test
    void contextFollowsTheMethodName() {
        assertEquals(AuthMethodContext.PUBLICKEY, AuthMethodContext.forMethod("publickey"));
        assertEquals(AuthMethodContext.PUBLICKEY, AuthMethodContext.forMethod("publickey-hostbound-v00@openssh.com"));
        assertEquals(AuthMethodContext.PASSWORD, AuthMethodContext.forMethod("password"));
        assertEquals(AuthMethodContext.KEYBOARD_INTERACTIVE, AuthMethodContext.forMethod("keyboard-interactive"));
        assertEquals(AuthMethodContext.OTHER, AuthMethodContext.forMethod("hostbased"));
        assertEquals(AuthMethodContext.OTHER, AuthMethodContext.forMethod("none"));
        assertEquals(AuthMethodContext.OTHER, AuthMethodContext.forMethod("gssapi-with-mic"));
    }

    @Test
    void methodNameAndBodyMustAgree() {
        assertThrows(IllegalArgumentException.class,
                () -> new UserAuthRequest("a", "ssh-connection", "password", PublicKeyAuth.query("x", Bytes.EMPTY)));
        assertThrows(IllegalArgumentException.class,
                () -> new UserAuthRequest("a", "ssh-connection", "publickey", new UnknownAuth(Bytes.EMPTY)));
        assertThrows(IllegalArgumentException.class,
                () -> UserAuthRequest.of("a", "ssh-connection", new UnknownAuth(Bytes.EMPTY)));
        assertThrows(IllegalArgumentException.class,
                () -> new PasswordAuth(true, "old", null));
        assertThrows(IllegalArgumentException.class,
                () -> new PublicKeyAuth(true, "ssh-ed25519", Bytes.EMPTY, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new UserAuthFailure(List.of("a,b"), false));
        assertThrows(IllegalArgumentException.class,
                () -> new UserAuthBanner("\ud800", ""));
        assertEquals("publickey-hostbound-v00@openssh.com",
                PublicKeyAuth.hostboundQuery("ssh-ed25519", Bytes.EMPTY, Bytes.EMPTY).methodName());
    }

    @Test
    void withSignatureTurnsAQueryIntoASignedRequest() {
        PublicKeyAuth query = PublicKeyAuth.hostboundQuery("ssh-ed25519", UserAuthVectors.USER_KEY,
                UserAuthVectors.HOST_KEY);
        assertEquals(PublicKeyAuth.hostboundSigned("ssh-ed25519", UserAuthVectors.USER_KEY, UserAuthVectors.HOST_KEY,
                UserAuthVectors.SIGNATURE), query.withSignature(UserAuthVectors.SIGNATURE));
    }

    @Test
    void secretsStayOutOfToString() {
        String s = UserAuthRequest.of("alice", "ssh-connection", PasswordAuth.change("s3cret-old", "s3cret-new"))
                .toString();
        assertFalse(s.contains("s3cret"), s);
        assertFalse(new UserAuthInfoResponse(List.of("s3cret")).toString().contains("s3cret"));
    }
}
