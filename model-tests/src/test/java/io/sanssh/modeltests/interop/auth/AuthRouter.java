package io.sanssh.modeltests.interop.auth;

import io.sanssh.engine.timer.TimerKind;
import io.sanssh.engine.transport.Layer;
import io.sanssh.engine.transport.TransportListener;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.userauth.AuthMethodContext;
import io.sanssh.spec.userauth.UserAuthCodec;
import io.sanssh.spec.userauth.UserAuthRequest;
import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plays SshConnection's routing part for auth interop tests: messages 5-6 and 50-79 go to the
 * auth layer (set right after the driver made the transport, before any input), messages 80 and
 * up are only recorded, and only once authentication succeeded. It also keeps every
 * USERAUTH_REQUEST it routed (server role), decoded, for assertions on what a real client sent.
 */
final class AuthRouter implements TransportListener {
    Layer layer;
    boolean authenticated;
    final List<UserAuthRequest> requests = new ArrayList<>();
    final List<Integer> connectionMessages = new ArrayList<>();

    @Override
    public void onMessage(byte[] payload, int off, int len, boolean owned) {
        int n = payload[off] & 0xff;
        if (n == MessageNumbers.SERVICE_REQUEST || n == MessageNumbers.SERVICE_ACCEPT || MessageNumbers.isUserAuth(n)) {
            if (n == MessageNumbers.USERAUTH_REQUEST) {
                requests.add((UserAuthRequest) UserAuthCodec.decode(Arrays.copyOfRange(payload, off, off + len),
                        AuthMethodContext.OTHER));
            }
            layer.onMessage(payload, off, len, owned);
        } else if (n >= 80 && authenticated) {
            connectionMessages.add(n);
        } else {
            throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR, "unexpected " + MessageNumbers.name(n));
        }
    }

    @Override
    public void onTransportReady() {
        layer.onTransportReady();
    }

    @Override
    public void onTimer(TimerKind kind) {
        layer.onTimer(kind);
    }

    @Override
    public void onKexActiveChanged(boolean active) {
        if (layer != null) {
            layer.onKexActiveChanged(active);
        }
    }
}
