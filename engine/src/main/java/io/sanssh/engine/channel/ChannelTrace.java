package io.sanssh.engine.channel;

/**
 * An optional sink for the connection layer's own actions, the ones the transport's {@code
 * OutboundTrace} cannot see because it only knows message numbers: per-channel windows, EOF and
 * CLOSE order, and the order of want-reply requests and their replies. Tests install a checker
 * here for outbound rules 5-7 (DESIGN.md); simulation runs can record it as a trace. When none is
 * installed the layer uses {@link #NONE}.
 *
 * <p>{@code channel} is our number for the channel; {@link #GLOBAL} stands for global requests.
 */
public interface ChannelTrace {
    /** The "channel" of global requests and replies. */
    int GLOBAL = -1;

    /** The sink that records nothing. */
    ChannelTrace NONE = new ChannelTrace() {
    };

    /** The peer's window and packet limit for {@code channel} became known (confirmation or our accept). */
    default void peerWindowKnown(int channel, long window, long maxPacket) {
    }

    /** The peer granted {@code bytes} more (CHANNEL_WINDOW_ADJUST received). */
    default void peerWindowAdjusted(int channel, long bytes) {
    }

    /** We queued a data packet ({@code extended}: CHANNEL_EXTENDED_DATA) carrying {@code length} bytes. */
    default void dataSent(int channel, boolean extended, int length) {
    }

    /** We queued CHANNEL_EOF. */
    default void eofSent(int channel) {
    }

    /** We queued CHANNEL_CLOSE (our own, or the echo of the peer's). */
    default void closeSent(int channel) {
    }

    /** We queued a message other than data, EOF and CLOSE for {@code channel} (requests, replies, adjusts). */
    default void controlSent(int channel, int messageNumber) {
    }

    /** The peer's CHANNEL_CLOSE arrived. */
    default void closeReceived(int channel) {
    }

    /** {@code channel}'s number became free (CLOSE sent and received, or the open failed). */
    default void channelFreed(int channel) {
    }

    /** A peer request with want-reply arrived; {@code requestId} is unique in the connection. */
    default void requestReceived(int channel, long requestId) {
    }

    /** We queued the reply to the peer's request {@code requestId}. */
    default void replySent(int channel, long requestId) {
    }

    /** The peer's pending requests on {@code channel} were dropped unanswered because we sent CLOSE. */
    default void repliesDropped(int channel) {
    }
}
