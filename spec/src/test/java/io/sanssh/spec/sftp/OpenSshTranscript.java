package io.sanssh.spec.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packets recorded from OpenSSH 9.2p1's sftp-server over pipes
 * ({@code openssh-9.2p1-sftp-server.txt}, made by {@code capture/capture_sftp_server.py}): one line
 * per packet, "C|S name hex", each with its uint32 length prefix.
 */
final class OpenSshTranscript {
    static final String RESOURCE = "openssh-9.2p1-sftp-server.txt";

    /** One recorded packet. */
    record Packet(boolean fromClient, String name, byte[] framed) {
        /** The bytes after the length prefix. */
        byte[] body() {
            byte[] b = new byte[framed.length - 4];
            System.arraycopy(framed, 4, b, 0, b.length);
            return b;
        }
    }

    private static final Map<String, Packet> PACKETS = load();

    private OpenSshTranscript() {
    }

    private static Map<String, Packet> load() {
        try (InputStream in = OpenSshTranscript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            Map<String, Packet> out = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\s+");
                Packet p = new Packet(f[0].equals("C"), f[1], HexFormat.of().parseHex(f[2]));
                if (out.put(p.name(), p) != null) {
                    throw new IllegalStateException("duplicate packet name " + p.name());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every packet in recorded order. */
    static List<Packet> all() {
        return new ArrayList<>(PACKETS.values());
    }

    /** The packet recorded under {@code name} (a reply is named after its request plus "-reply"). */
    static Packet get(String name) {
        Packet p = PACKETS.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no recorded packet " + name);
        }
        return p;
    }
}
