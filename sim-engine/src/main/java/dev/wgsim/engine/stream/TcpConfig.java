package dev.wgsim.engine.stream;

/**
 * TCP parameters. The defaults follow RFC 6298 (initial RTO 1 s, backoff doubling) with Linux's
 * bounds (minimum RTO 200 ms, maximum 120 s, 6 SYN retries, 15 data retries) and a fixed receive
 * window of 65,535 bytes (no window scaling).
 *
 * @param mss largest data per segment; 0 derives it from the address family (1460 IPv4, 1440 IPv6)
 * @param window receive window advertised, and the most unacknowledged bytes sent
 * @param initialRtoNanos retransmission timeout before the first RTT sample (RFC 6298 2.1)
 * @param minRtoNanos floor of the computed timeout (RFC 6298 says 1 s; Linux's TCP_RTO_MIN is 200 ms)
 * @param maxRtoNanos ceiling of the backed-off timeout (Linux TCP_RTO_MAX)
 * @param synRetries retransmissions of a SYN before the connection fails (Linux tcp_syn_retries)
 * @param dataRetries retransmissions of one segment before the connection is aborted (tcp_retries2)
 */
public record TcpConfig(int mss, int window, long initialRtoNanos, long minRtoNanos, long maxRtoNanos,
        int synRetries, int dataRetries) {
    public static final TcpConfig DEFAULTS = new TcpConfig(0, 65_535, 1_000_000_000L, 200_000_000L, 120_000_000_000L, 6, 15);

    public TcpConfig {
        if (mss < 0 || mss > 65_495 || window < 1 || window > 65_535 || initialRtoNanos <= 0 || minRtoNanos <= 0
                || maxRtoNanos < minRtoNanos || synRetries < 0 || dataRetries < 0) {
            throw new IllegalArgumentException("bad TCP config: " + mss + " mss, " + window + " window, RTO "
                    + initialRtoNanos + "/" + minRtoNanos + "/" + maxRtoNanos + ", retries " + synRetries + "/" + dataRetries);
        }
    }

    public TcpConfig withMinRtoNanos(long nanos) {
        return new TcpConfig(mss, window, initialRtoNanos, nanos, maxRtoNanos, synRetries, dataRetries);
    }

    public TcpConfig withMss(int bytes) {
        return new TcpConfig(bytes, window, initialRtoNanos, minRtoNanos, maxRtoNanos, synRetries, dataRetries);
    }
}
