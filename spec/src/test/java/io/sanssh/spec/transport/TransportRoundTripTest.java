package io.sanssh.spec.transport;

import static io.sanssh.spec.testing.CodecAssertions.assertRoundTrip;

import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.message.UnknownMessage;
import io.sanssh.spec.testing.Gen;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * For every transport record and 256 seeds: {@code decode(encode(x)) == x} and
 * {@code encode(decode(b)) == b}. A failure names its seed; {@code new Gen(seed)} reproduces it.
 */
class TransportRoundTripTest {
    private static final int SEEDS = 256;

    private static void forEachSeed(Function<Gen, SshMessage> generator) {
        for (long seed = 0; seed < SEEDS; seed++) {
            SshMessage m = generator.apply(new Gen(seed));
            assertRoundTrip(m, SshMessage::encode, TransportCodec::decode, seed);
        }
    }

    /** A name-list with duplicates allowed, as a peer may send; sometimes long. */
    private static List<String> names(Gen g) {
        if (g.nextInt(8) > 0) {
            return g.nameList();
        }
        List<String> many = new ArrayList<>();
        int n = g.between(5, 40);
        for (int i = 0; i < n; i++) {
            many.add(g.name());
        }
        return many;
    }

    @Test
    void disconnectRoundTrips() {
        forEachSeed(g -> new Disconnect(g.anyInt(), g.text(), g.oneOf("", "en", "en-US", g.text())));
    }

    @Test
    void ignoreRoundTrips() {
        forEachSeed(g -> new Ignore(g.bytes(g.oneOf(0, 16, 300))));
    }

    @Test
    void unimplementedRoundTrips() {
        forEachSeed(g -> new Unimplemented(g.uint32()));
    }

    @Test
    void debugRoundTrips() {
        forEachSeed(g -> new Debug(g.bool(), g.text(), g.oneOf("", "en", g.text())));
    }

    @Test
    void serviceRequestAndAcceptRoundTrip() {
        forEachSeed(g -> new ServiceRequest(g.oneOf("ssh-userauth", "ssh-connection", "", g.name())));
        forEachSeed(g -> new ServiceAccept(g.oneOf("ssh-userauth", "ssh-connection", "", g.name())));
    }

    @Test
    void kexInitRoundTrips() {
        forEachSeed(g -> new KexInit(g.bytesOfLength(KexInit.COOKIE_LENGTH), names(g), names(g), names(g),
                names(g), names(g), names(g), names(g), names(g), names(g), names(g), g.bool(), g.uint32()));
    }

    @Test
    void newKeysAndNewCompressRoundTrip() {
        forEachSeed(g -> NewKeys.INSTANCE);
        forEachSeed(g -> new NewCompress());
    }

    @Test
    void extInfoRoundTrips() {
        forEachSeed(g -> {
            List<ExtInfo.Extension> list = new ArrayList<>();
            Set<String> used = new HashSet<>();
            int n = g.nextInt(6);
            for (int i = 0; i < n; i++) {
                ExtInfo.Extension e = switch (g.nextInt(7)) {
                    case 0 -> ExtensionValues.serverSigAlgs(g.nameList());
                    case 1 -> ExtensionValues.delayCompression(g.nameList(), g.nameList());
                    case 2 -> ExtensionValues.noFlowControl(g.oneOf(ExtensionValues.NoFlowControl.values()));
                    case 3 -> ExtensionValues.elevation(g.oneOf(ExtensionValues.Elevation.values()));
                    case 4 -> ExtensionValues.ping();
                    case 5 -> ExtensionValues.publickeyHostbound();
                    default -> new ExtInfo.Extension(g.name(), g.bytes(40));
                };
                if (used.add(e.name())) {
                    list.add(e);
                }
            }
            return new ExtInfo(list);
        });
    }

    @Test
    void pingAndPongRoundTrip() {
        forEachSeed(g -> new Ping(g.bytes(g.oneOf(0, 8, 200))));
        forEachSeed(g -> new Pong(g.bytes(g.oneOf(0, 8, 200))));
    }

    @Test
    void unknownMessagesOfTheRangeRoundTrip() {
        forEachSeed(g -> new UnknownMessage(g.oneOf(9, 10, 19, 22, 29, 194, 200, 255), g.bytes(30)));
    }
}
