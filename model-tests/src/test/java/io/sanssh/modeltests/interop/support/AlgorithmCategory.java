package io.sanssh.modeltests.interop.support;

import io.sanssh.engine.kex.NegotiatedAlgorithms;
import io.sanssh.engine.kex.method.KexMethods;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.engine.transport.packet.PacketProtection;
import io.sanssh.spec.algorithm.HostKeyAlgorithms;
import java.util.ArrayList;
import java.util.List;

/**
 * The four algorithm lists of KEXINIT that the interop matrix varies one name at a time, and for
 * each: the names Sanssh implements, how to make a Sanssh transport offer only that name (the
 * other lists keep their defaults), the matching OpenSSH query ({@code ssh -Q}) and option, the
 * line {@code ssh -v} prints for the negotiated name, and how to read it back from a negotiation.
 *
 * <p>A MAC is only negotiated meaningfully with a non-AEAD cipher, so MAC cases pin the cipher to
 * {@link #MAC_CARRIER_CIPHER}.
 */
public enum AlgorithmCategory {
    /** kex_algorithms. */
    KEX("kex", "kex", "KexAlgorithms"),
    /** encryption_algorithms (both directions). */
    CIPHER("cipher", "cipher", "Ciphers"),
    /** mac_algorithms (both directions), with {@link #MAC_CARRIER_CIPHER}. */
    MAC("mac", "mac", "MACs"),
    /** server_host_key_algorithms. */
    HOST_KEY("hostkey", "HostKeyAlgorithms", "HostKeyAlgorithms");

    /** The cipher MAC cases use: a non-AEAD cipher every peer has. */
    public static final String MAC_CARRIER_CIPHER = "aes128-ctr";

    private final String label;
    private final String openSshQuery;
    private final String openSshOption;

    AlgorithmCategory(String label, String openSshQuery, String openSshOption) {
        this.label = label;
        this.openSshQuery = openSshQuery;
        this.openSshOption = openSshOption;
    }

    /** A short name for test and matrix labels. */
    public String label() {
        return label;
    }

    /**
     * What Sanssh implements in this category: {@link KexMethods#supported()}, {@link
     * PacketProtection#supportedCiphers()} / {@link PacketProtection#supportedMacs()}, and for host
     * keys {@link TransportConfig#DEFAULT_HOST_KEY_ALGORITHMS} plus the opt-in {@code ssh-rsa}.
     */
    public List<String> sansshNames() {
        return switch (this) {
            case KEX -> KexMethods.supported();
            case CIPHER -> PacketProtection.supportedCiphers();
            case MAC -> PacketProtection.supportedMacs();
            case HOST_KEY -> {
                List<String> all = new ArrayList<>(TransportConfig.DEFAULT_HOST_KEY_ALGORITHMS);
                all.add(HostKeyAlgorithms.SSH_RSA);
                yield List.copyOf(all);
            }
        };
    }

    /** The names the installed OpenSSH lists for this category ({@code ssh -Q}, run now). */
    public List<String> openSshNames() {
        return OpenSsh.query(openSshQuery);
    }

    /** The argument of {@code ssh -Q} for this category. */
    public String openSshQuery() {
        return openSshQuery;
    }

    /** Makes {@code b} offer only {@code name} in this category. */
    public TransportConfig.Builder restrict(TransportConfig.Builder b, String name) {
        return switch (this) {
            case KEX -> b.kexAlgorithms(List.of(name));
            case CIPHER -> b.ciphers(List.of(name));
            case MAC -> b.ciphers(List.of(MAC_CARRIER_CIPHER)).macs(List.of(name));
            case HOST_KEY -> b.hostKeyAlgorithms(List.of(name));
        };
    }

    /** {@code ssh} options that make the OpenSSH client offer only {@code name} in this category. */
    public List<String> openSshClientOptions(String name) {
        List<String> opts = new ArrayList<>(List.of("-o", openSshOption + "=" + name));
        if (this == MAC) {
            opts.addAll(List.of("-o", "Ciphers=" + MAC_CARRIER_CIPHER));
        }
        return opts;
    }

    /** Lines {@code ssh -v} (OpenSSH 9.x) prints when {@code name} was negotiated. */
    public List<String> openSshVerboseLines(String name) {
        return switch (this) {
            case KEX -> List.of("kex: algorithm: " + name);
            case HOST_KEY -> List.of("kex: host key algorithm: " + name);
            case CIPHER -> List.of("kex: server->client cipher: " + name + " ", "kex: client->server cipher: " + name + " ");
            case MAC -> List.of("kex: server->client cipher: " + MAC_CARRIER_CIPHER + " MAC: " + name + " compression",
                    "kex: client->server cipher: " + MAC_CARRIER_CIPHER + " MAC: " + name + " compression");
        };
    }

    /**
     * The name negotiated in this category, or "c2s|s2c" if the two directions differ (which the
     * tests treat as a mismatch).
     */
    public String negotiated(NegotiatedAlgorithms a) {
        return switch (this) {
            case KEX -> a.kex();
            case HOST_KEY -> a.hostKey();
            case CIPHER -> both(a.cipherClientToServer(), a.cipherServerToClient());
            case MAC -> both(a.macClientToServer(), a.macServerToClient());
        };
    }

    private static String both(String c2s, String s2c) {
        return c2s != null && c2s.equals(s2c) ? c2s : c2s + "|" + s2c;
    }
}
