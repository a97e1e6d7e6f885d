package io.sanssh.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SftpTreeTransfer}'s guard against names a server should never list. */
class SftpTreeTransferTest {
    @Test
    void onlySinglePathComponentsAreTakenAsLocalNames() {
        for (String bad : List.of("", ".", "..", "../etc", "a/b", "/abs", "nul\0byte")) {
            assertFalse(SftpTreeTransfer.safeName(bad), bad);
        }
        for (String good : List.of("a", ".hidden", "..x", "with space", "x..")) {
            assertTrue(SftpTreeTransfer.safeName(good), good);
        }
    }
}
