package io.sanssh.engine.channel;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The rules 5-7 checker can fail: each rule, broken on purpose. */
class ChannelRulesCheckerTest {

    private static ChannelRulesChecker open() {
        ChannelRulesChecker c = new ChannelRulesChecker("test");
        c.peerWindowKnown(0, 1000, 100);
        return c;
    }

    @Test
    void rule5DataBeyondThePeersWindowOrPacket() {
        ChannelRulesChecker c = open();
        for (int i = 0; i < 10; i++) {
            c.dataSent(0, false, 100);
        }
        assertThrows(AssertionError.class, () -> c.dataSent(0, false, 1));
        assertThrows(AssertionError.class, () -> open().dataSent(0, true, 101));
    }

    @Test
    void rule6NoDataAfterEofNothingAfterCloseCloseOnce() {
        ChannelRulesChecker eof = open();
        eof.eofSent(0);
        assertThrows(AssertionError.class, () -> eof.dataSent(0, false, 1));
        ChannelRulesChecker closed = open();
        closed.closeSent(0);
        assertThrows(AssertionError.class, () -> closed.controlSent(0, 98));
        assertThrows(AssertionError.class, () -> closed.closeSent(0));
        ChannelRulesChecker early = open();
        early.closeSent(0);
        assertThrows(AssertionError.class, () -> early.channelFreed(0), "freed before the peer's CLOSE");
    }

    @Test
    void rule7RepliesInArrivalOrder() {
        ChannelRulesChecker c = open();
        c.requestReceived(ChannelTrace.GLOBAL, 1);
        c.requestReceived(ChannelTrace.GLOBAL, 2);
        assertThrows(AssertionError.class, () -> c.replySent(ChannelTrace.GLOBAL, 2));
        ChannelRulesChecker d = open();
        d.requestReceived(0, 5);
        d.replySent(0, 5);
        assertThrows(AssertionError.class, () -> d.replySent(0, 5), "a reply without a request");
    }
}
