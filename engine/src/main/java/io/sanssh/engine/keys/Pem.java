package io.sanssh.engine.keys;

import io.sanssh.engine.keys.KeyFileException.Reason;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text armor of key files (RFC 7468, with the RFC 1421 headers of traditional OpenSSL PEM):
 * {@code -----BEGIN LABEL-----}, optional {@code Name: value} headers ended by a blank line,
 * base64 lines, {@code -----END LABEL-----}. Text before and after the block is ignored.
 */
record Pem(String label, Map<String, String> headers, byte[] content) {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final int LINE = 70;

    /** Finds and decodes the first PEM block in {@code text}. */
    static Pem parse(String text) {
        String[] lines = text.split("\r?\n|\r");
        int i = 0;
        while (i < lines.length && !(lines[i].strip().startsWith(BEGIN) && lines[i].strip().endsWith(DASHES))) {
            i++;
        }
        if (i == lines.length) {
            throw new KeyFileException(Reason.MALFORMED, "no -----BEGIN ...----- line: not a PEM key file");
        }
        String begin = lines[i].strip();
        String label = begin.substring(BEGIN.length(), begin.length() - DASHES.length());
        String endLine = END + label + DASHES;
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        boolean inHeaders = true;
        for (i++; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.equals(endLine)) {
                return new Pem(label, headers, decode(body.toString(), label));
            }
            int colon = line.indexOf(':');
            if (inHeaders && colon > 0) {
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                continue;
            }
            inHeaders = false;
            body.append(line);
        }
        throw new KeyFileException(Reason.MALFORMED, "no " + endLine + " line: the file is truncated");
    }

    private static byte[] decode(String base64, String label) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(Reason.MALFORMED, "bad base64 in " + label + ": " + e.getMessage());
        }
    }

    /** Armors {@code content} under {@code label}, base64 in 70-column lines as OpenSSH writes. */
    static String format(String label, byte[] content) {
        String b64 = Base64.getEncoder().encodeToString(content);
        StringBuilder sb = new StringBuilder(b64.length() + 100);
        sb.append(BEGIN).append(label).append(DASHES).append('\n');
        for (int i = 0; i < b64.length(); i += LINE) {
            sb.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
        }
        return sb.append(END).append(label).append(DASHES).append('\n').toString();
    }
}
