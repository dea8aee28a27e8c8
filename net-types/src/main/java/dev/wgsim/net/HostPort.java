package dev.wgsim.net;

/**
 * Endpoint text cut in two: {@code 192.0.2.1:51820}, {@code vpn.example.com:51820} or
 * {@code [2001:db8::1]:51820} (an IPv6 address must be bracketed, since its colons would hide the
 * port's). The one splitter under the engine's {@code Endpoint} (an address literal) and wg-model's
 * {@code PeerEndpoint} (a literal or a config file's host name), which each check the host their way.
 *
 * @param host the text before the port, without brackets
 * @param bracketed whether the host was written in brackets
 * @param portText the text after the port's colon, not yet checked
 * @param text the whole text, for error messages
 */
public record HostPort(String host, boolean bracketed, String portText, String text) {

    /** @throws IllegalArgumentException naming the text and what is wrong with its shape */
    public static HostPort split(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty endpoint (expected address:port)");
        }
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("endpoint '" + text + "' must look like [v6-address]:port");
            }
            return new HostPort(text.substring(1, close), true, text.substring(close + 2), text);
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("endpoint '" + text + "' has no port (expected host:port)");
        }
        if (colon == 0) {
            throw new IllegalArgumentException("endpoint '" + text + "' has no host (expected host:port)");
        }
        if (text.indexOf(':') != colon) {
            throw new IllegalArgumentException("endpoint '" + text
                    + "' looks like an IPv6 address without brackets (write [address]:port)");
        }
        return new HostPort(text.substring(0, colon), false, text.substring(colon + 1), text);
    }

    /** The host as an address literal (never resolved). */
    public IpAddress address() {
        try {
            return IpAddress.parse(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint '" + text + "': " + e.getMessage(), e);
        }
    }

    /** The port, a decimal number from {@code min} to 65535. */
    public int port(int min) {
        String p = portText;
        if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(p) < min || Integer.parseInt(p) > 65535) {
            throw new IllegalArgumentException("endpoint '" + text + "': port '" + p + "' must be a number from " + min
                    + " to 65535");
        }
        return Integer.parseInt(p);
    }
}
