package dev.wgsim.scenario.model;

import java.util.List;

/**
 * Where to capture packets into {@code capture.pcap}, and whether to write {@code wg-keylog.txt}
 * so Wireshark can decrypt them.
 */
public record CaptureSpec(List<String> nodes, List<String> links, boolean keylog, int snaplen) {
    public static final CaptureSpec NONE = new CaptureSpec(List.of(), List.of(), false, Defaults.SNAPLEN);

    public CaptureSpec {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    public boolean enabled() {
        return !nodes.isEmpty() || !links.isEmpty();
    }
}
