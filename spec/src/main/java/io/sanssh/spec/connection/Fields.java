package io.sanssh.spec.connection;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.ArrayList;
import java.util.List;

/** OpenSSH's {@code string[]}: strings up to the end of a message, with no count. */
final class Fields {
    private Fields() {
    }

    /** Reads {@code string}s up to the end of the message (OpenSSH's {@code string[]}). */
    static List<Bytes> readStrings(SshReader r) {
        List<Bytes> out = new ArrayList<>();
        while (r.hasRemaining()) {
            out.add(r.readString());
        }
        return List.copyOf(out);
    }

    /** Writes each element as a {@code string}, with no count (OpenSSH's {@code string[]}). */
    static void writeStrings(SshWriter w, List<Bytes> strings) {
        for (Bytes b : strings) {
            w.writeString(b);
        }
    }
}
