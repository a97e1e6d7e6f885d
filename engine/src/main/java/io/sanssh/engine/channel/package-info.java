/**
 * The connection protocol (RFC 4254) without I/O: channels, flow control, channel and global
 * requests, keep-alives. {@link io.sanssh.engine.channel.ConnectionLayer} is the whole public
 * surface; the rest is one concept per file.
 *
 * <h2>How the rules of DESIGN.md are kept here</h2>
 *
 * <ul>
 *   <li><b>Credit, not refusals (rules 5, 8).</b> A write takes at most min(peer window, outbound
 *       budget) bytes, 0 while our key exchange runs, and says how many it took. The peer's window
 *       therefore never goes negative, application data never waits in the held queue, and the
 *       backlog stays near the transport's high-water mark. {@code ChannelWritable} tells a
 *       refused writer when credit is back ({@code FlowControl}, {@code WriteScheduler}).
 *   <li><b>Internal messages are never refused (rules 1, 2).</b> Window adjusts, request replies,
 *       CLOSE echoes and keep-alive probes are queued as internal messages whatever the state of
 *       the socket or the key exchange; the transport holds them during its key exchange and sends
 *       them whole.
 *   <li><b>Channel order (rule 6).</b> Every lifecycle change goes through a squirrel machine per
 *       channel ({@code ChannelLifecycle}); a transition it lacks is a protocol error or an
 *       {@code IllegalStateException}. No data after our EOF, nothing after our CLOSE, CLOSE once.
 *   <li><b>Reply order (rule 7).</b> The peer's want-reply requests are answered in arrival order,
 *       per channel and globally, however the application orders its answers ({@code ReplyQueue});
 *       our own requests are matched to replies in send order ({@code OurRequest}).
 *   <li><b>Liveness (rule 10).</b> Keep-alives are answered by the layer itself, on any pump; our
 *       own probes and the idle timeout run on the shared timer table ({@code KeepAlive}).
 * </ul>
 *
 * <p>Peer faults throw {@code SshFormatException} out of {@code onMessage}: unknown channels,
 * data beyond our window or maximum packet, window adjusts past 2^32-1, replies without requests,
 * lifecycle messages in the wrong state. {@link io.sanssh.engine.channel.ChannelTrace} exposes the
 * layer's actions so tests can check rules 5-7 independently.
 */
package io.sanssh.engine.channel;
