package io.sanssh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SftpLsLayout}: the sizes and columns OpenSSH 9.2's sftp printed for the same input. */
class SftpLsLayoutTest {
    @Test
    void humanSizesKeepFourDigitsAtMostAndRoundToTheNearestTenth() {
        long[] sizes = {0, 1, 1023, 1024, 1025, 1535, 1536, 1587, 2047, 10239, 10240, 10700, 10751, 10752, 102399,
            1048575, 1048576, 1572864, 10485759, 1073741823, 1073741824, 5_000_000_000L, 1L << 40};
        List<String> openSsh = List.of("0B", "1B", "1023B", "1.0K", "1.0K", "1.5K", "1.5K", "1.5K", "2.0K", "10.0K",
                "10.0K", "10.4K", "10.5K", "10.5K", "100K", "1024K", "1.0M", "1.5M", "10.0M", "1024M", "1.0G", "4.7G",
                "1.0T");
        for (int i = 0; i < sizes.length; i++) {
            assertEquals(openSsh.get(i), SftpLsLayout.humanSize(sizes[i]), "size " + sizes[i]);
        }
    }

    private static String columns(List<String> names, int longest) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        SftpLsLayout.columns(names, longest, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void namesFillRowsOfEqualColumnsEachPaddedTheLastOneToo() {
        // the longest name, 8 characters, and two spaces: 8 columns of 80 / 8 = 10
        assertEquals("a.txt     d         hostname  \n", columns(List.of("a.txt", "d", "hostname"), 8));
        // 9 wide: 80 / 11 = 7 columns of 80 / 7 = 11; the row ends after the seventh
        List<String> names = List.of("dd/a", "dd/b", "dd/c", "dd/d", "dd/e", "dd/f", "dd/g", "dd/h");
        assertEquals("dd/a       dd/b       dd/c       dd/d       dd/e       dd/f       dd/g       \n"
                + "dd/h       \n", columns(names, 9));
        assertEquals("", columns(List.of(), 0));
        String wide = "x".repeat(90);
        assertEquals(wide + "\nshort" + " ".repeat(75) + "\n", columns(List.of(wide, "short"), 90));
    }
}
