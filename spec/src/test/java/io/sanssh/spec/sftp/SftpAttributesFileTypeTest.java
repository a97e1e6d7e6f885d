package io.sanssh.spec.sftp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The file type that the permissions' {@code S_IFMT} bits carry, as OpenSSH's sftp-server sends them. */
class SftpAttributesFileTypeTest {
    private static SftpAttributes mode(long m) {
        return SftpAttributes.builder().permissions(m).build();
    }

    @Test
    void theTypeBitsNameDirectoryLinkAndRegularFile() {
        assertTrue(mode(040755).isDirectory());
        assertFalse(mode(040755).isRegularFile());
        assertTrue(mode(0120777).isSymbolicLink());
        assertFalse(mode(0120777).isDirectory());
        assertTrue(mode(0100644).isRegularFile());
        assertFalse(mode(0100644).isSymbolicLink());
    }

    @Test
    void withoutPermissionsNothingIsClaimed() {
        assertFalse(SftpAttributes.EMPTY.isDirectory());
        assertFalse(SftpAttributes.EMPTY.isRegularFile());
        assertFalse(SftpAttributes.EMPTY.isSymbolicLink());
        assertFalse(mode(0755).isDirectory(), "permission bits alone say no type");
    }
}
