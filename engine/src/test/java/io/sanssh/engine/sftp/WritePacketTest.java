package io.sanssh.engine.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sanssh.spec.sftp.SftpCodec;
import io.sanssh.spec.sftp.SftpHandleRequest;
import io.sanssh.spec.wire.Bytes;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The WRITE packet an upload builds around its data is byte for byte the codec's encoding. */
class WritePacketTest {
    @Test
    void theHeaderAroundTheDataMatchesTheCodec() {
        Random r = new Random(7);
        for (int handleLength : new int[] {0, 1, 4, 17}) {
            for (long offset : new long[] {0, 1, 0x7fff_ffffL, 0x1_0000_0000L, Long.MAX_VALUE}) {
                for (int dataLength : new int[] {0, 1, 32768, 100_000}) {
                    byte[] h = new byte[handleLength];
                    byte[] data = new byte[dataLength];
                    r.nextBytes(h);
                    r.nextBytes(data);
                    Bytes handle = Bytes.wrap(h);
                    int header = WritePacket.headerLength(handle);
                    byte[] packet = new byte[header + dataLength];
                    System.arraycopy(data, 0, packet, header, dataLength);
                    WritePacket.writeHeader(packet, handle, offset, dataLength);
                    WritePacket.putInt(packet, WritePacket.ID_OFFSET, 0x01020304);
                    byte[] expected = SftpCodec.encode(new SftpHandleRequest.Write(0x01020304, handle, offset,
                            Bytes.wrap(data)));
                    assertArrayEquals(expected, packet, handleLength + "/" + offset + "/" + dataLength);
                }
            }
        }
    }

    @Test
    void aPacketOfTheWrongSizeIsRefused() {
        Bytes handle = Bytes.utf8("h");
        byte[] packet = new byte[WritePacket.headerLength(handle) + 9];
        assertThrows(IllegalArgumentException.class, () -> WritePacket.writeHeader(packet, handle, 0, 10));
    }
}
