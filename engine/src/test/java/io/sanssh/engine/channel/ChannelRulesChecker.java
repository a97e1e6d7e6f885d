package io.sanssh.engine.channel;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks outbound rules 5-7 (DESIGN.md) on one connection layer from its {@link ChannelTrace},
 * after every action, with its own bookkeeping: the peer's window per channel never goes negative
 * and data packets respect the peer's maximum (5); no data after our EOF, nothing after our
 * CLOSE, CLOSE once, a number freed only after CLOSE both ways (6); replies to the peer's
 * want-reply requests leave in arrival order, per channel and globally (7). Fails loudly with the
 * layer's name.
 */
final class ChannelRulesChecker implements ChannelTrace {
    private static final class Ch {
        boolean windowKnown;
        long window;
        long maxPacket;
        boolean eofSent;
        boolean closeSent;
        boolean closeReceived;
        long dataBytes;
        int closesSent;
    }

    private final String name;
    private final Map<Integer, Ch> channels = new HashMap<>();
    private final Map<Integer, ArrayDeque<Long>> pendingReplies = new HashMap<>();
    private long totalDataBytes;
    private long repliesSent;

    ChannelRulesChecker(String name) {
        this.name = name;
    }

    private void fail(String why) {
        throw new AssertionError(name + ": channel rule broken: " + why);
    }

    private Ch ch(int id) {
        return channels.computeIfAbsent(id, k -> new Ch());
    }

    @Override
    public void peerWindowKnown(int channel, long window, long maxPacket) {
        Ch c = ch(channel);
        if (c.windowKnown) {
            fail("peer window of channel " + channel + " set twice");
        }
        c.windowKnown = true;
        c.window = window;
        c.maxPacket = maxPacket;
    }

    @Override
    public void peerWindowAdjusted(int channel, long bytes) {
        Ch c = ch(channel);
        c.window += bytes;
        if (c.window > 0xffff_ffffL) {
            fail("peer window of channel " + channel + " above 2^32-1");
        }
    }

    @Override
    public void dataSent(int channel, boolean extended, int length) {
        Ch c = ch(channel);
        if (!c.windowKnown) {
            fail("data on channel " + channel + " before it was open");
        }
        if (c.eofSent) {
            fail("rule 6: data on channel " + channel + " after our EOF");
        }
        if (c.closeSent) {
            fail("rule 6: data on channel " + channel + " after our CLOSE");
        }
        if (length > c.maxPacket) {
            fail("rule 5: data packet of " + length + " above the peer's maximum " + c.maxPacket);
        }
        c.window -= length;
        if (c.window < 0) {
            fail("rule 5: peer window of channel " + channel + " negative: " + c.window);
        }
        c.dataBytes += length;
        totalDataBytes += length;
    }

    @Override
    public void eofSent(int channel) {
        Ch c = ch(channel);
        if (c.closeSent) {
            fail("rule 6: EOF on channel " + channel + " after our CLOSE");
        }
        if (c.eofSent) {
            fail("EOF sent twice on channel " + channel);
        }
        c.eofSent = true;
    }

    @Override
    public void closeSent(int channel) {
        Ch c = ch(channel);
        c.closesSent++;
        if (c.closeSent) {
            fail("rule 6: CLOSE sent twice on channel " + channel);
        }
        c.closeSent = true;
    }

    @Override
    public void controlSent(int channel, int messageNumber) {
        if (channel != GLOBAL && ch(channel).closeSent) {
            fail("rule 6: message " + messageNumber + " on channel " + channel + " after our CLOSE");
        }
    }

    @Override
    public void closeReceived(int channel) {
        Ch c = ch(channel);
        if (c.closeReceived) {
            fail("CLOSE received twice on channel " + channel);
        }
        c.closeReceived = true;
    }

    @Override
    public void channelFreed(int channel) {
        Ch c = channels.remove(channel);
        if (c != null && c.windowKnown && !(c.closeSent && c.closeReceived)) {
            fail("channel " + channel + " freed before CLOSE went both ways");
        }
        ArrayDeque<Long> q = pendingReplies.remove(channel);
        if (q != null && !q.isEmpty() && c != null && !c.closeSent) {
            fail("channel " + channel + " freed with unanswered requests " + q);
        }
    }

    @Override
    public void requestReceived(int channel, long requestId) {
        pendingReplies.computeIfAbsent(channel, k -> new ArrayDeque<>()).addLast(requestId);
    }

    @Override
    public void replySent(int channel, long requestId) {
        if (channel != GLOBAL && ch(channel).closeSent) {
            fail("rule 6: reply on channel " + channel + " after our CLOSE");
        }
        ArrayDeque<Long> q = pendingReplies.get(channel);
        Long head = q == null ? null : q.pollFirst();
        if (head == null || head != requestId) {
            String where = channel == GLOBAL ? "global" : "channel " + channel;
            fail("rule 7: reply to request " + requestId + " on " + where
                    + " but the oldest unanswered is " + head);
        }
        repliesSent++;
    }

    @Override
    public void repliesDropped(int channel) {
        if (!ch(channel).closeSent) {
            fail("replies dropped on channel " + channel + " without our CLOSE");
        }
        pendingReplies.remove(channel);
    }

    /** Data bytes queued on all channels. */
    long totalDataBytes() {
        return totalDataBytes;
    }

    /** Replies queued to the peer's requests. */
    long repliesSent() {
        return repliesSent;
    }

    /** CLOSE messages sent on {@code channel} (while it is still tracked). */
    int closesSent(int channel) {
        Ch c = channels.get(channel);
        return c == null ? 0 : c.closesSent;
    }
}
