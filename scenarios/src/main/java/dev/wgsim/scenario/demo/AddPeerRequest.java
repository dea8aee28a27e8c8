package dev.wgsim.scenario.demo;

/**
 * The Add peer form as the page posts it; every field is text as typed, checked by
 * {@link DemoSession#addPeer}. Blank means "not given".
 *
 * @param name          a name for the row (default {@code peerN})
 * @param publicKey     a pasted base64 public key; blank = generate a key pair, and simulate the
 *                      new peer's own device so that Recv can send from it
 * @param allowedIps    prefixes separated by commas or spaces
 * @param endpoint      where wg0 sends ({@code address:port}); blank = learn it from the peer
 * @param tunnelAddress the inner address the new peer sends from (generated keys only); blank =
 *                      the first address its allowed IPs cover, else a free one in wg0's subnet
 */
public record AddPeerRequest(String name, String publicKey, String allowedIps, String endpoint, String tunnelAddress) {
    public AddPeerRequest {
        name = blankToEmpty(name);
        publicKey = blankToEmpty(publicKey);
        allowedIps = blankToEmpty(allowedIps);
        endpoint = blankToEmpty(endpoint);
        tunnelAddress = blankToEmpty(tunnelAddress);
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
