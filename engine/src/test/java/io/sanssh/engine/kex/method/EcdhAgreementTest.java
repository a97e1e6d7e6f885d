package io.sanssh.engine.kex.method;

import static io.sanssh.engine.kex.method.KexAssertions.assertKexFails;
import static io.sanssh.engine.kex.method.Seeded.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sanssh.engine.kex.method.EcdhAgreement.Curve;
import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECPoint;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** ecdh-sha2-nistp256/384/521 (RFC 5656), checked against RFC 5903 §8's vectors. */
class EcdhAgreementTest {

    /** RFC 5903 §8.1-8.3: i, g^i, r, g^r, and the X coordinate of g^ir. */
    static Stream<Arguments> rfc5903() {
        return Stream.of(
                Arguments.of(Curve.P256,
                        "c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433",
                        "dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180",
                        "5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3",
                        "c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53",
                        "d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63",
                        "56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab",
                        "d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de"),
                Arguments.of(Curve.P384,
                        "099f3c7034d4a2c699884d73a375a67f7624ef7c6b3c0f160647b67414dce655"
                                + "e35b538041e649ee3faef896783ab194",
                        "667842d7d180ac2cde6f74f37551f55755c7645c20ef73e31634fe72b4c55ee6"
                                + "de3ac808acb4bdb4c88732aee95f41aa",
                        "9482ed1fc0eeb9cafc4984625ccfc23f65032149e0e144ada024181535a0f38e"
                                + "eb9fcff3c2c947dae69b4c634573a81c",
                        "41cb0779b4bdb85d47846725fbec3c9430fab46cc8dc5060855cc9bda0aa2942"
                                + "e0308312916b8ed2960e4bd55a7448fc",
                        "e558dbef53eecde3d3fccfc1aea08a89a987475d12fd950d83cfa41732bc509d"
                                + "0d1ac43a0336def96fda41d0774a3571",
                        "dcfbec7aacf3196472169e838430367f66eebe3c6e70c416dd5f0c68759dd1ff"
                                + "f83fa40142209dff5eaad96db9e6386c",
                        "11187331c279962d93d604243fd592cb9d0a926f422e47187521287e7156c5c4"
                                + "d603135569b9e9d09cf5d4a270f59746"),
                Arguments.of(Curve.P521,
                        "0037ade9319a89f4dabdb3ef411aaccca5123c61acab57b5393dce47608172a0"
                                + "95aa85a30fe1c2952c6771d937ba9777f5957b2639bab072462f68c27a57382d4a52",
                        "0015417e84dbf28c0ad3c278713349dc7df153c897a1891bd98bab4357c9ecbe"
                                + "e1e3bf42e00b8e380aeae57c2d107564941885942af5a7f4601723c4195d176ced3e",
                        "017cae20b6641d2eeb695786d8c946146239d099e18e1d5a514c739d7cb4a10a"
                                + "d8a788015ac405d7799dc75e7b7d5b6cf2261a6a7f1507438bf01beb6ca3926f9582",
                        "0145ba99a847af43793fdd0e872e7cdfa16be30fdc780f97bccc3f078380201e"
                                + "9c677d600b343757a3bdbf2a3163e4c2f869cca7458aa4a4effc311f5cb151685eb9",
                        "00d0b3975ac4b799f5bea16d5e13e9af971d5e9b984c9f39728b5e5739735a21"
                                + "9b97c356436adc6e95bb0352f6be64a6c2912d4ef2d0433ced2b6171640012d9460f",
                        "015c68226383956e3bd066e797b623c27ce0eac2f551a10c2c724d9852077b87"
                                + "220b6536c5c408a1d2aebb8e86d678ae49cb57091f4732296579ab44fcd17f0fc56a",
                        "01144c7d79ae6956bc8edb8e7c787c4521cb086fa64407f97894e5e6b2d79b04"
                                + "d1427e73ca4baa240a34786859810c06b3c715a3a8cc3151f2bee417996d19f3ddea"));
    }

    private static BigInteger n(String hex) {
        return new BigInteger(hex, 16);
    }

    @ParameterizedTest
    @MethodSource("rfc5903")
    void rfc5903VectorsGiveTheSharedXAsAnMpint(Curve curve, String i, String gix, String giy,
            String r, String grx, String gry, String girx) {
        EcdhAgreement initiator = new EcdhAgreement(curve, n(i), new ECPoint(n(gix), n(giy)));
        EcdhAgreement responder = new EcdhAgreement(curve, n(r), new ECPoint(n(grx), n(gry)));
        byte[] qi = initiator.ourPublic();
        assertEquals(curve.pointLength(), qi.length);
        assertEquals("04" + gix + giy, hex(qi));
        byte[] k1 = initiator.agree(responder.ourPublic());
        byte[] k2 = responder.agree(qi);
        assertArrayEquals(ExchangeHash.encodeMpint(n(girx)), k1);
        assertArrayEquals(k1, k2);
    }

    @ParameterizedTest
    @MethodSource("rfc5903")
    void theVectorPublicKeysAreTheScalarTimesTheGenerator(Curve curve, String i, String gix,
            String giy) {
        // i * G has X coordinate gix: agree with G itself as the peer point.
        ECPoint g = curve.params().getGenerator();
        EcdhAgreement a = new EcdhAgreement(curve, n(i), g);
        assertArrayEquals(ExchangeHash.encodeMpint(n(gix)), a.agree(EcdhAgreement.encode(curve, g)));
    }

    @ParameterizedTest
    @EnumSource(Curve.class)
    void randomKeyPairsAgreeAndEncodeFixedLengthPoints(Curve curve) {
        var random = Seeded.random(curve.ordinal());
        for (int i = 0; i < 20; i++) {
            EcdhAgreement a = new EcdhAgreement(curve, random);
            EcdhAgreement b = new EcdhAgreement(curve, random);
            assertEquals(curve.pointLength(), a.ourPublic().length);
            assertEquals(0x04, a.ourPublic()[0]);
            assertArrayEquals(a.agree(b.ourPublic()), b.agree(a.ourPublic()));
        }
    }

    @ParameterizedTest
    @EnumSource(Curve.class)
    void invalidPeerPointsFailWithKeyExchangeFailedOnly(Curve curve) {
        var random = Seeded.random(100 + curve.ordinal());
        byte[] good = new EcdhAgreement(curve, random).ourPublic();
        int len = curve.pointLength();
        int f = (len - 1) / 2;
        BigInteger p = ((ECFieldFp) curve.params().getCurve().getField()).getP();

        byte[] offCurve = good.clone();
        offCurve[len - 1] ^= 1;
        byte[] compressed = Arrays.copyOf(good, 1 + f);
        compressed[0] = (byte) (2 + (good[len - 1] & 1));
        byte[] wrongPrefix = good.clone();
        wrongPrefix[0] = 0x06;
        byte[] infinity = {0};
        byte[] zeros = new byte[len];
        zeros[0] = 4;
        // X = p and Y = p: coordinates not reduced below the field prime.
        byte[] unreduced = new byte[len];
        unreduced[0] = 4;
        System.arraycopy(Encoding.fixedLength(p, f), 0, unreduced, 1, f);
        System.arraycopy(Encoding.fixedLength(p, f), 0, unreduced, 1 + f, f);
        // The valid point's X with Y + p: congruent, but not a canonical coordinate.
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(good, 1 + f, len));
        byte[] yPlusP = null;
        if (y.add(p).bitLength() <= 8 * f) {
            yPlusP = good.clone();
            System.arraycopy(Encoding.fixedLength(y.add(p), f), 0, yPlusP, 1 + f, f);
        }

        for (byte[] bad : new byte[][] {new byte[0], infinity, offCurve, compressed, wrongPrefix,
                zeros, unreduced, yPlusP, Arrays.copyOf(good, len - 1), Arrays.copyOf(good, len + 1)}) {
            if (bad == null) {
                continue;
            }
            EcdhAgreement a = new EcdhAgreement(curve, random);
            assertKexFails(() -> a.agree(bad));
        }
    }

    @ParameterizedTest
    @EnumSource(Curve.class)
    void aPointOfAnotherCurveFails(Curve curve) {
        Curve other = curve == Curve.P256 ? Curve.P384 : Curve.P256;
        byte[] foreign = new EcdhAgreement(other, Seeded.random(5)).ourPublic();
        EcdhAgreement a = new EcdhAgreement(curve, Seeded.random(6));
        assertKexFails(() -> a.agree(foreign));
    }
}
