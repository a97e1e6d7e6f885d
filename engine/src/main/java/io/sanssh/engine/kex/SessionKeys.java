package io.sanssh.engine.kex;

import io.sanssh.engine.Role;
import io.sanssh.engine.transport.packet.KeyDerivation;
import io.sanssh.engine.transport.packet.PacketOpener;
import io.sanssh.engine.transport.packet.PacketProtection;
import io.sanssh.engine.transport.packet.PacketSealer;
import java.security.SecureRandom;

/**
 * The packet protection for both directions after one key exchange (RFC 4253 §7.2): IVs from the
 * letters A/B, keys from C/D, MAC keys from E/F, client-to-server first.
 *
 * @param outbound seals what we send
 * @param inbound opens what we receive
 * @param outboundBlockSize the block size of our outbound cipher (RFC 4344 limits)
 */
public record SessionKeys(PacketSealer outbound, PacketOpener inbound, int outboundBlockSize) {

    /** Derives both directions' keys for {@code role} from K, H and the session identifier. */
    public static SessionKeys derive(Role role, NegotiatedAlgorithms a, String hashAlgorithm, byte[] encodedK,
                                     byte[] exchangeHash, byte[] sessionId, SecureRandom random) {
        Direction c2s = direction(a.cipherClientToServer(), a.macClientToServer(), hashAlgorithm, encodedK,
                exchangeHash, sessionId, 'A', 'C', 'E');
        Direction s2c = direction(a.cipherServerToClient(), a.macServerToClient(), hashAlgorithm, encodedK,
                exchangeHash, sessionId, 'B', 'D', 'F');
        Direction out = role == Role.CLIENT ? c2s : s2c;
        Direction in = role == Role.CLIENT ? s2c : c2s;
        PacketSealer sealer = PacketProtection.sealer(out.cipher, out.mac, out.key, out.iv, out.macKey, random);
        PacketOpener opener = PacketProtection.opener(in.cipher, in.mac, in.key, in.iv, in.macKey);
        return new SessionKeys(sealer, opener, sealer.blockSize());
    }

    private static Direction direction(String cipher, String mac, String hash, byte[] k, byte[] h, byte[] sid,
                                       char ivLetter, char keyLetter, char macLetter) {
        byte[] iv = KeyDerivation.derive(hash, k, h, sid, ivLetter, PacketProtection.ivLength(cipher));
        byte[] key = KeyDerivation.derive(hash, k, h, sid, keyLetter, PacketProtection.keyLength(cipher));
        byte[] macKey = mac == null ? null
                : KeyDerivation.derive(hash, k, h, sid, macLetter, PacketProtection.macKeyLength(mac));
        return new Direction(cipher, mac, iv, key, macKey);
    }

    private record Direction(String cipher, String mac, byte[] iv, byte[] key, byte[] macKey) {
    }
}
