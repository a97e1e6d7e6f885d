package io.sanssh.spec.kex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sanssh.spec.algorithm.KexAlgorithms;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every named key exchange method maps to the family whose messages it uses. */
class KexFamilyTest {

    @Test
    void ellipticCurveAndHybridMethodsUseTheEcdhShapes() {
        for (String name : new String[] {KexAlgorithms.MLKEM768_X25519_SHA256, KexAlgorithms.SNTRUP761_X25519_SHA512,
                KexAlgorithms.SNTRUP761_X25519_SHA512_OPENSSH, KexAlgorithms.CURVE25519_SHA256,
                KexAlgorithms.CURVE25519_SHA256_LIBSSH, KexAlgorithms.ECDH_SHA2_NISTP256,
                KexAlgorithms.ECDH_SHA2_NISTP384, KexAlgorithms.ECDH_SHA2_NISTP521}) {
            assertEquals(Optional.of(KexFamily.ECDH), KexFamily.forAlgorithm(name), name);
        }
    }

    @Test
    void fixedGroupMethodsUseTheDhShapes() {
        for (String name : new String[] {KexAlgorithms.DH_GROUP14_SHA256, KexAlgorithms.DH_GROUP16_SHA512,
                KexAlgorithms.DH_GROUP18_SHA512, KexAlgorithms.DH_GROUP14_SHA1, KexAlgorithms.DH_GROUP1_SHA1}) {
            assertEquals(Optional.of(KexFamily.DH), KexFamily.forAlgorithm(name), name);
        }
    }

    @Test
    void groupExchangeMethodsUseTheGroupExchangeShapes() {
        assertEquals(Optional.of(KexFamily.GROUP_EXCHANGE),
                KexFamily.forAlgorithm(KexAlgorithms.DH_GROUP_EXCHANGE_SHA256));
        assertEquals(Optional.of(KexFamily.GROUP_EXCHANGE),
                KexFamily.forAlgorithm("diffie-hellman-group-exchange-sha1"));
    }

    @Test
    void signalsAndUnknownNamesHaveNoFamily() {
        for (String name : new String[] {KexAlgorithms.EXT_INFO_C, KexAlgorithms.EXT_INFO_S,
                KexAlgorithms.KEX_STRICT_C_V00, KexAlgorithms.KEX_STRICT_S_V00, "", "gss-group14-sha256-x"}) {
            assertEquals(Optional.empty(), KexFamily.forAlgorithm(name), name);
        }
    }
}
