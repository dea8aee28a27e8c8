package dev.wgsim.scenario.net;

/** An outer UDP endpoint: address and port, written {@code 192.0.2.1:51820} or {@code [2001:db8::1]:51820}. */
public record Endpoint(IpAddr address, int port) {
    public Endpoint {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
    }

    public static Endpoint parse(String text) {
        String s = text.trim();
        String host;
        String portText;
        if (s.startsWith("[")) {
            int close = s.indexOf("]:");
            if (close < 0) {
                throw bad(text);
            }
            host = s.substring(1, close);
            portText = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0 || s.indexOf(':') != colon) {
                throw bad(text);
            }
            host = s.substring(0, colon);
            portText = s.substring(colon + 1);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw bad(text);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " in '" + text + "' is out of range|Use a UDP port from 1 to 65535.");
        }
        IpAddr a;
        try {
            a = IpAddr.parse(host);
        } catch (IllegalArgumentException e) {
            throw bad(text);
        }
        return new Endpoint(a, port);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + text + "' is not an endpoint|Write address:port, e.g. 192.0.2.1:51820 or [2001:db8::1]:51820.");
    }

    @Override
    public String toString() {
        return address.v6() ? "[" + address + "]:" + port : address + ":" + port;
    }
}
