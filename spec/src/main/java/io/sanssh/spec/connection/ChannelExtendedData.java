package io.sanssh.spec.connection;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * {@code SSH_MSG_CHANNEL_EXTENDED_DATA} (RFC 4254 §5.2): bytes of a side stream of the channel,
 * in practice stderr of a session.
 *
 * <pre>
 * byte      SSH_MSG_CHANNEL_EXTENDED_DATA (95)
 * uint32    recipient channel
 * uint32    data_type_code
 * string    data
 * </pre>
 *
 * <p>The data counts against the same window as {@link ChannelData}.
 *
 * @param dataTypeCode {@link #SSH_EXTENDED_DATA_STDERR} or another uint32
 */
public record ChannelExtendedData(int recipient, long dataTypeCode, Bytes data) implements ChannelMessage {
    /** The only data type code defined by RFC 4254 §5.2. */
    public static final long SSH_EXTENDED_DATA_STDERR = 1;

    public ChannelExtendedData {
        FieldChecks.uint32(dataTypeCode, "dataTypeCode");
        Objects.requireNonNull(data, "data");
    }

    /** Stderr bytes for a session channel. */
    public static ChannelExtendedData stderr(int recipient, Bytes data) {
        return new ChannelExtendedData(recipient, SSH_EXTENDED_DATA_STDERR, data);
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.CHANNEL_EXTENDED_DATA;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeInt(recipient).writeUint32(dataTypeCode).writeString(data);
    }

    static ChannelExtendedData read(SshReader r) {
        ChannelExtendedData m = new ChannelExtendedData(r.readInt(), r.readUint32(), r.readString());
        r.expectEnd("SSH_MSG_CHANNEL_EXTENDED_DATA");
        return m;
    }
}
