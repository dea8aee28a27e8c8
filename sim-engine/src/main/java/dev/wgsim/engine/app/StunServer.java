package dev.wgsim.engine.app;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.UdpSocket;
import java.util.Map;
import java.util.TreeMap;

/**
 * A STUN server's Binding responder (RFC 8489 section 6.3.1; what every DERP relay runs on UDP
 * 3478): each Binding request gets a success response with the source it came from as
 * XOR-MAPPED-ADDRESS. Anything else is dropped and counted by reason ({@code not_stun},
 * {@code malformed}, {@code bad_fingerprint}, {@code not_a_request}).
 */
public final class StunServer {
    private final UdpSocket socket;
    private final Map<String, Long> drops = new TreeMap<>();
    private long answered;

    public StunServer(Host host, int port) {
        this.socket = host.bind(port, this::onDatagram);
    }

    /** On {@link Stun#PORT}. */
    public StunServer(Host host) {
        this(host, Stun.PORT);
    }

    private void onDatagram(long now, Endpoint source, Endpoint destination, byte[] payload) {
        Stun.Parsed p = Stun.parse(payload);
        if (!p.ok()) {
            drops.merge(p.dropReason(), 1L, Long::sum);
            return;
        }
        if (!p.message().isRequest()) {
            drops.merge("not_a_request", 1L, Long::sum);
            return;
        }
        answered++;
        socket.send(source, Stun.bindingResponse(p.message().transactionId(), source));
    }

    public int port() {
        return socket.port();
    }

    /** Binding requests answered. */
    public long answered() {
        return answered;
    }

    /** Datagrams dropped, by reason (sorted by name). */
    public Map<String, Long> drops() {
        return Map.copyOf(drops);
    }

    public void close() {
        socket.close();
    }
}
