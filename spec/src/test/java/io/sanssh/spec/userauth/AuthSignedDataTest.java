package io.sanssh.spec.userauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sanssh.spec.testing.Hex;
import io.sanssh.spec.userauth.AuthMethodBody.HostbasedAuth;
import io.sanssh.spec.userauth.AuthMethodBody.PasswordAuth;
import io.sanssh.spec.userauth.AuthMethodBody.PublicKeyAuth;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import org.junit.jupiter.api.Test;

/**
 * The data that user authentication signatures cover (RFC 4252 §7 and §9, OpenSSH PROTOCOL §3.1),
 * checked against RFC-assembled bytes and against what a real OpenSSH 9.2p1 client asked its agent
 * to sign.
 */
class AuthSignedDataTest {
    private static final Bytes SESSION_ID = Bytes.fromHex("00112233445566778899aabbccddeeff");

    @Test
    void publickeyDataFollowsRfc4252Section7() {
        byte[] expected = Hex.parse("""
                00000010 00112233445566778899aabbccddeeff  # string session identifier
                32                                         # byte SSH_MSG_USERAUTH_REQUEST
                00000005 616c696365                        # string user name "alice"
                0000000e 7373682d636f6e6e656374696f6e      # string service name "ssh-connection"
                00000009 7075626c69636b6579                # string "publickey"
                01                                         # boolean TRUE
                00000007 7373682d727361                    # string public key algorithm name "ssh-rsa"
                00000004 deadbeef                          # string public key blob (placeholder)
                """);
        PublicKeyAuth auth = PublicKeyAuth.query("ssh-rsa", Bytes.fromHex("deadbeef"));
        assertArrayEquals(expected, AuthSignedData.publicKey(SESSION_ID, "alice", "ssh-connection", auth));
        // the signature, present or not, is not part of what it signs
        assertArrayEquals(expected, AuthSignedData.publicKey(SESSION_ID, "alice", "ssh-connection",
                auth.withSignature(Bytes.fromHex("0102"))));
    }

    @Test
    void hostbasedDataFollowsRfc4252Section9() {
        byte[] expected = Hex.parse("""
                00000010 00112233445566778899aabbccddeeff  # string session identifier
                32                                         # byte SSH_MSG_USERAUTH_REQUEST
                00000005 616c696365                        # string user name "alice"
                0000000e 7373682d636f6e6e656374696f6e      # string service name "ssh-connection"
                00000009 686f73746261736564                # string "hostbased"
                0000000b 7373682d65643235353139            # string public key algorithm for host key
                00000002 cafe                              # string public host key (placeholder)
                0000000b 6578616d706c652e6f7267            # string client host name "example.org"
                00000003 626f62                            # string user name on the client host "bob"
                """);
        HostbasedAuth auth = new HostbasedAuth("ssh-ed25519", Bytes.fromHex("cafe"), "example.org", "bob",
                Bytes.fromHex("99"));
        assertArrayEquals(expected, AuthSignedData.hostbased(SESSION_ID, "alice", "ssh-connection", auth));
        assertArrayEquals(expected, AuthSignedData.of(SESSION_ID, UserAuthRequest.of("alice", "ssh-connection", auth)));
    }

    @Test
    void matchesWhatOpenSshSignsForPublickey() {
        checkAgainstCapture("openssh-9.2-publickey-signed-data", false);
    }

    @Test
    void matchesWhatOpenSshSignsForHostboundPublickey() {
        checkAgainstCapture("openssh-9.2-hostbound-signed-data", true);
    }

    /**
     * Rebuilds a captured blob from its fields, and checks that the request OpenSSH would send
     * (the signed data minus the session id, plus a signature) decodes to a request whose signed
     * data is the captured blob again.
     */
    private static void checkAgainstCapture(String name, boolean hostbound) {
        byte[] captured = UserAuthVectors.load(name);
        SshReader r = new SshReader(captured);
        Bytes sessionId = r.readString();
        assertEquals(64, sessionId.length(), "sha512 exchange hash");
        int requestStart = r.position();

        PublicKeyAuth query = hostbound
                ? PublicKeyAuth.hostboundQuery("ssh-ed25519", UserAuthVectors.USER_KEY, UserAuthVectors.HOST_KEY)
                : PublicKeyAuth.query("ssh-ed25519", UserAuthVectors.USER_KEY);
        assertArrayEquals(captured, AuthSignedData.publicKey(sessionId, "root", "ssh-connection", query));

        SshWriter w = new SshWriter();
        w.writeRaw(captured, requestStart, captured.length - requestStart).writeString(UserAuthVectors.SIGNATURE);
        UserAuthRequest sent = (UserAuthRequest) UserAuthCodec.decode(w.toByteArray(), AuthMethodContext.OTHER);
        assertEquals(UserAuthRequest.of("root", "ssh-connection", query.withSignature(UserAuthVectors.SIGNATURE)),
                sent);
        assertArrayEquals(captured, AuthSignedData.of(sessionId, sent));
    }

    @Test
    void methodsWithoutSignatureHaveNoSignedData() {
        assertThrows(IllegalArgumentException.class, () -> AuthSignedData.of(SESSION_ID,
                UserAuthRequest.of("alice", "ssh-connection", PasswordAuth.login("x"))));
    }
}
