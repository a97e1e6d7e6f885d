package io.sanssh.engine.kex;

import io.sanssh.engine.transport.packet.PacketProtection;
import io.sanssh.spec.algorithm.KexAlgorithms;
import io.sanssh.spec.transport.KexInit;
import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.util.List;

/**
 * RFC 4253 §7.1 algorithm negotiation: for each category the first algorithm on the client's
 * list that is also on the server's. The pseudo-algorithms that only signal support (ext-info-*,
 * kex-strict-*) never win. An AEAD cipher makes the MAC of its direction irrelevant (RFC 5647 §5,
 * as OpenSSH implements it), so no MAC is negotiated for that direction.
 */
public final class AlgorithmNegotiation {
    private AlgorithmNegotiation() {
    }

    /**
     * Negotiates from the client's and the server's KEXINIT.
     *
     * @throws SshFormatException with KEY_EXCHANGE_FAILED when a category has nothing in common
     */
    public static NegotiatedAlgorithms negotiate(KexInit client, KexInit server) {
        String kex = pick("key exchange", client.kexAlgorithms(), server.kexAlgorithms(), true);
        String hostKey = pick("host key", client.serverHostKeyAlgorithms(), server.serverHostKeyAlgorithms(), false);
        String encC2S = pick("cipher (client to server)", client.encryptionC2S(), server.encryptionC2S(), false);
        String encS2C = pick("cipher (server to client)", client.encryptionS2C(), server.encryptionS2C(), false);
        String macC2S = PacketProtection.isAead(encC2S) ? null
                : pick("MAC (client to server)", client.macC2S(), server.macC2S(), false);
        String macS2C = PacketProtection.isAead(encS2C) ? null
                : pick("MAC (server to client)", client.macS2C(), server.macS2C(), false);
        String compC2S = pick("compression (client to server)", client.compressionC2S(), server.compressionC2S(), false);
        String compS2C = pick("compression (server to client)", client.compressionS2C(), server.compressionS2C(), false);
        return new NegotiatedAlgorithms(kex, hostKey, encC2S, encS2C, macC2S, macS2C, compC2S, compS2C);
    }

    /** Whether the peer's KEXINIT guessed wrong (RFC 4253 §7: its first KEX packet must be ignored). */
    public static boolean guessWasWrong(KexInit client, KexInit server) {
        return !first(client.kexAlgorithms()).equals(first(server.kexAlgorithms()))
                || !first(client.serverHostKeyAlgorithms()).equals(first(server.serverHostKeyAlgorithms()));
    }

    private static String first(List<String> names) {
        return names.isEmpty() ? "" : names.get(0);
    }

    private static String pick(String what, List<String> clientList, List<String> serverList, boolean kex) {
        for (String c : clientList) {
            if (kex && isSignal(c)) {
                continue;
            }
            if (serverList.contains(c)) {
                return c;
            }
        }
        throw new SshFormatException(DisconnectReason.KEY_EXCHANGE_FAILED,
                "no common " + what + " algorithm; client offers " + clientList + ", server offers " + serverList);
    }

    /** Whether {@code name} only signals a capability and is never a real key exchange method. */
    public static boolean isSignal(String name) {
        return name.equals(KexAlgorithms.EXT_INFO_C) || name.equals(KexAlgorithms.EXT_INFO_S)
                || name.equals(KexAlgorithms.KEX_STRICT_C_V00) || name.equals(KexAlgorithms.KEX_STRICT_S_V00)
                || name.startsWith("ext-info-in-auth");
    }
}
