package io.sanssh.engine.kex.method;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The key exchange methods this library implements: their names, message shapes and hashes, and
 * a factory for one exchange's {@link KeyAgreement}.
 *
 * <p>The default order puts the post-quantum hybrids first (a recorded session stays safe against
 * a future quantum computer), then curve25519 (fast, no point validation pitfalls), then the NIST
 * curves, then group exchange (the server matches the client's wish), then the fixed groups:
 * 4096 bits, the slower 8192, and 2048 last. {@code
 * diffie-hellman-group14-sha1} is implemented for old peers but off by default (RFC 9142 §3.2:
 * MAY).
 */
public final class KexMethods {
    /** One method: its wire name, shape, hash and how to make an agreement. */
    private record Method(String name, KexShape shape, String hash, boolean byDefault,
            Factory factory) {
    }

    @FunctionalInterface
    private interface Factory {
        KeyAgreement create(boolean client, SecureRandom random);
    }

    private static final List<Method> METHODS = List.of(
            hybrid("mlkem768x25519-sha256", "SHA-256", MlKem768Kem.INSTANCE),
            hybrid("sntrup761x25519-sha512", "SHA-512", Sntrup761Kem.INSTANCE),
            hybrid("sntrup761x25519-sha512@openssh.com", "SHA-512", Sntrup761Kem.INSTANCE),
            new Method("curve25519-sha256", KexShape.ECDH, "SHA-256", true,
                    (client, random) -> new X25519Agreement(random)),
            new Method("curve25519-sha256@libssh.org", KexShape.ECDH, "SHA-256", true,
                    (client, random) -> new X25519Agreement(random)),
            ecdh("ecdh-sha2-nistp256", "SHA-256", EcdhAgreement.Curve.P256),
            ecdh("ecdh-sha2-nistp384", "SHA-384", EcdhAgreement.Curve.P384),
            ecdh("ecdh-sha2-nistp521", "SHA-512", EcdhAgreement.Curve.P521),
            new Method("diffie-hellman-group-exchange-sha256", KexShape.GROUP_EXCHANGE, "SHA-256",
                    true, null),
            modp("diffie-hellman-group16-sha512", "SHA-512", DhGroups.MODP_4096, true),
            modp("diffie-hellman-group18-sha512", "SHA-512", DhGroups.MODP_8192, true),
            modp("diffie-hellman-group14-sha256", "SHA-256", DhGroups.MODP_2048, true),
            modp("diffie-hellman-group14-sha1", "SHA-1", DhGroups.MODP_2048, false));

    private static final List<String> DEFAULTS = names(m -> m.byDefault);
    private static final List<String> SUPPORTED = names(m -> true);

    private KexMethods() {
    }

    /**
     * The default preference order for the {@code kex_algorithms} name-list: mlkem768x25519-sha256,
     * sntrup761x25519-sha512, sntrup761x25519-sha512@openssh.com, curve25519-sha256,
     * curve25519-sha256@libssh.org, ecdh-sha2-nistp256, -nistp384, -nistp521,
     * diffie-hellman-group-exchange-sha256, diffie-hellman-group16-sha512, -group18-sha512,
     * -group14-sha256. Pseudo-algorithms (ext-info, strict KEX) are the caller's to add.
     *
     * @return an immutable list
     */
    public static List<String> defaults() {
        return DEFAULTS;
    }

    /**
     * Every method implemented: {@link #defaults()} plus diffie-hellman-group14-sha1, which is
     * available when configured but not offered by default.
     *
     * @return an immutable list
     */
    public static List<String> supported() {
        return SUPPORTED;
    }

    /** Whether {@code name} is a method in {@link #supported()}. */
    public static boolean isSupported(String name) {
        return find(name) != null;
    }

    /**
     * The message shapes of method {@code name}.
     *
     * @throws IllegalArgumentException if the method is not {@link #supported()}
     */
    public static KexShape shape(String name) {
        return get(name).shape;
    }

    /**
     * The JCA name of the method's hash, used for the exchange hash and key derivation
     * (RFC 4253 §7.2): {@code SHA-256}, {@code SHA-384}, {@code SHA-512} or {@code SHA-1}.
     *
     * @throws IllegalArgumentException if the method is not {@link #supported()}
     */
    public static String hashAlgorithm(String name) {
        return get(name).hash;
    }

    /**
     * A fresh agreement for method {@code name}, once per key exchange, after the method is
     * negotiated. The client sends {@link KeyAgreement#ourPublic()} at once; the server waits for
     * the client's value.
     *
     * @param client true in the client role
     * @param random the source of the ephemeral keys
     * @throws IllegalArgumentException if the method is not {@link #supported()} or is group
     *     exchange (use {@link #dh} once the group is known)
     */
    public static KeyAgreement create(String name, boolean client, SecureRandom random) {
        Method m = get(name);
        if (m.factory == null) {
            throw new IllegalArgumentException(name + " needs a group: use KexMethods.dh");
        }
        return m.factory.create(client, random);
    }

    /**
     * A fresh agreement over a given group, for group exchange (RFC 4419 §3): the client calls it
     * after {@link GroupExchange#checkOffered} accepts the server's group, the server with the
     * group {@link GroupExchange#choose} picked.
     *
     * @param p an odd modulus
     * @param g a generator, {@code 1 < g < p-1}
     * @param client true in the client role (the two roles compute the same way)
     * @throws IllegalArgumentException if the group is unusable; check a peer's group with
     *     {@link GroupExchange#checkOffered} first
     */
    public static KeyAgreement dh(BigInteger p, BigInteger g, boolean client, SecureRandom random) {
        return new DhAgreement(p, g, random);
    }

    private static Method hybrid(String name, String hash, PostQuantumKem kem) {
        return new Method(name, KexShape.ECDH, hash, true,
                (client, random) -> new HybridAgreement(kem, hash, client, random));
    }

    private static Method ecdh(String name, String hash, EcdhAgreement.Curve curve) {
        return new Method(name, KexShape.ECDH, hash, true,
                (client, random) -> new EcdhAgreement(curve, random));
    }

    private static Method modp(String name, String hash, BigInteger p, boolean byDefault) {
        return new Method(name, KexShape.DH, hash, byDefault,
                (client, random) -> new DhAgreement(p, DhGroups.GENERATOR, random));
    }

    private static List<String> names(Predicate<Method> filter) {
        List<String> out = new ArrayList<>();
        for (Method m : METHODS) {
            if (filter.test(m)) {
                out.add(m.name);
            }
        }
        return List.copyOf(out);
    }

    private static Method find(String name) {
        for (Method m : METHODS) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        return null;
    }

    private static Method get(String name) {
        Method m = find(name);
        if (m == null) {
            throw new IllegalArgumentException("unsupported key exchange method: " + name);
        }
        return m;
    }
}
