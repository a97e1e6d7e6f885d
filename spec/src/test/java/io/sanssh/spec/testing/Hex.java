package io.sanssh.spec.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Hex helpers for golden vectors, which are written with spaces and line breaks for reading. */
public final class Hex {
    private Hex() {
    }

    /** Parses hex, ignoring whitespace and {@code #}-to-end-of-line comments. */
    public static byte[] parse(String hex) {
        StringBuilder sb = new StringBuilder();
        for (String line : hex.split("\n")) {
            int hash = line.indexOf('#');
            sb.append(hash >= 0 ? line.substring(0, hash) : line);
        }
        return HexFormat.of().parseHex(sb.toString().replaceAll("\\s+", ""));
    }

    /** Lowercase hex without separators. */
    public static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Loads a hex golden file from the test resources next to {@code anchor} ({@code #} comments allowed). */
    public static byte[] resource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + name + " beside " + anchor.getName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
