/**
 * The user-facing client and server API: {@link io.sanssh.drivers.api.SshClient} connects and
 * returns an {@link io.sanssh.drivers.api.SshSession} (host key check against known_hosts,
 * password and public key authentication, exec with collected output or with streams, shell,
 * local port forwarding); {@link io.sanssh.drivers.api.SshServer} listens and serves exec and
 * shell, the "sftp" subsystem over a directory, and optionally "direct-tcpip".
 *
 * <p>Layering, bottom up: a driver runs the engine (today the blocking driver); {@code Link} is the
 * only seam to it (act on the engine under the driver's serialisation, after passing the current
 * time; take the next event; close); one event thread per connection ({@code Dispatcher}) takes
 * every event and routes channel events to a {@code ChannelState} per channel; streams
 * ({@code ChannelInputStream}, {@code ChannelOutputStream}) block on that state, never on the
 * engine. Flow control stays end to end: received bytes are reported consumed only when the
 * application reads them, and writes wait for {@code ChannelWritable} when credit runs out.
 */
package io.sanssh.drivers.api;
