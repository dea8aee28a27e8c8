package dev.wgsim.scenario.tailnet;

import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.stream.StreamConfig;
import dev.wgsim.engine.stream.StreamConnection;
import dev.wgsim.engine.stream.StreamServer;
import dev.wgsim.engine.time.Wakeup;
import dev.wgsim.scenario.tailnet.control.ControlCodec;
import dev.wgsim.scenario.tailnet.control.ControlEvent;
import dev.wgsim.scenario.tailnet.control.ControlMessage;
import dev.wgsim.scenario.tailnet.control.ControlServer;
import java.util.HashMap;
import java.util.Map;

/**
 * The coordination server on its node: a TLS stream server on port 443 (Tailscale's control
 * protocol runs over HTTPS), one session per connection, JSON messages, and the server's one timer
 * (batch flush, keepalives, key expiry) kept on the event loop.
 */
final class ControlHost {
    static final int PORT = 443;

    private final Network net;
    private final ControlServer server;
    private final Map<Integer, StreamConnection> sessions = new HashMap<>();
    private final Map<String, Long> drops = new java.util.TreeMap<>();
    private int nextSession = 1;
    private final Wakeup wakeup;
    private long bytesSent;

    ControlHost(Host host, ControlServer server) {
        this.net = host.network();
        this.server = server;
        this.wakeup = new Wakeup(net.loop(), () -> apply(server.handleTimeout(net.now())));
        StreamServer.listen(host, PORT, StreamConfig.defaults(), conn -> {
            int id = nextSession++;
            conn.attach(id);
            sessions.put(id, conn);
            return new StreamConnection.Handler() {
                @Override
                public void onOpen(StreamConnection c) {
                }

                @Override
                public void onMessage(StreamConnection c, byte[] message) {
                    ControlMessage m = ControlCodec.decode(message);
                    if (m == null) {
                        drops.merge("control-malformed-message", 1L, Long::sum);
                        return;
                    }
                    apply(server.receive(net.now(), id, m));
                }

                @Override
                public void onClose(StreamConnection c, String reason) {
                    sessions.remove(id);
                    apply(server.disconnected(net.now(), id));
                }
            };
        });
    }

    ControlServer server() {
        return server;
    }

    long bytesSent() {
        return bytesSent;
    }

    void apply(ControlServer.Output out) {
        long now = net.now();
        for (ControlEvent e : out.events()) {
            if (!net.trace().active()) {
                break;
            }
            if (e instanceof ControlEvent.Registered r) {
                net.trace().emit(new TailnetTraceEvents.Registered(now, r.name(), r.addresses(), r.reauth()));
            } else if (e instanceof ControlEvent.Refused r) {
                net.trace().emit(new TailnetTraceEvents.Refused(now, r.name(), r.reason()));
            } else if (e instanceof ControlEvent.Changed c) {
                net.trace().emit(new TailnetTraceEvents.Changed(now, c.name(), c.what()));
            } else if (e instanceof ControlEvent.Flushed f) {
                net.trace().emit(new TailnetTraceEvents.Flushed(now, f.changes(), f.sessions()));
            }
        }
        for (int i = 0; i < out.size(); i++) {
            StreamConnection c = sessions.get(out.session(i));
            if (c != null) {
                byte[] bytes = ControlCodec.encode(out.message(i));
                bytesSent += bytes.length;
                c.send(bytes);
            }
        }
        for (int s : out.closes()) {
            StreamConnection c = sessions.remove(s);
            if (c != null) {
                c.close();
            }
        }
        rearm();
    }

    private void rearm() {
        wakeup.at(server.nextTimeout());
    }
}
