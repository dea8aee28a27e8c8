package dev.wgsim.wg.config;

import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.device.WgDevice;
import dev.wgsim.wg.device.WgPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a wg-quick file to a {@link WgDevice} ({@code wg setconf}) and reads a device back as
 * one ({@code wg showconf}).
 */
public final class WgQuickDevices {

    /** A persistent keepalive the caller must switch on with {@code setPersistentKeepalive(now, ...)}. */
    public record PendingKeepalive(WgPeer peer, int seconds) {
    }

    private WgQuickDevices() {
    }

    /**
     * Adds every peer of {@code config} to {@code device}: preshared key, allowed IPs in file order,
     * and the endpoint when it is an IP literal (a hostname endpoint is left unset: the peer can
     * still be reached once it roams to us). Persistent keepalives are returned rather than set,
     * because switching one on sends a packet at once and only the caller knows the time and where
     * the output goes.
     *
     * @throws IllegalArgumentException if the device's private key is not the file's, or a peer
     *     already exists on the device
     */
    public static List<PendingKeepalive> configure(WgDevice device, WgQuickConfig config) {
        if (!device.privateKey().equals(config.iface().privateKey())) {
            throw new IllegalArgumentException("the device was built with another private key than the file's");
        }
        List<PendingKeepalive> keepalives = new ArrayList<>();
        for (PeerConfig pc : config.peers()) {
            WgPeer peer = device.addPeer(pc.publicKey(), pc.presharedKey());
            for (IpPrefix p : pc.allowedIps()) {
                device.addAllowedIp(peer, p);
            }
            if (pc.endpoint() != null && pc.endpoint().isResolved()) {
                device.setEndpoint(peer, socketAddress(pc.endpoint()));
            }
            if (pc.persistentKeepalive() != 0) {
                keepalives.add(new PendingKeepalive(peer, pc.persistentKeepalive()));
            }
        }
        return List.copyOf(keepalives);
    }

    /**
     * The device's configuration now, as {@code wg showconf} prints it: endpoints are the current
     * ones (possibly learned by roaming).
     *
     * @param addresses the interface addresses to record (the device itself has none)
     */
    public static WgQuickConfig toConfig(WgDevice device, List<InterfaceAddress> addresses) {
        List<PeerConfig> peers = new ArrayList<>();
        for (WgPeer p : device.peers()) {
            peers.add(new PeerConfig(p.publicKey(), p.presharedKey(), device.allowedIps(p),
                    DeviceSnapshots.endpoint(p.endpoint()), p.persistentKeepaliveSeconds()));
        }
        return new WgQuickConfig(new InterfaceConfig(device.privateKey(), device.listenPort(), addresses, List.of()),
                peers);
    }

    /** A literal endpoint as a socket address (no name lookup happens for literals). */
    public static InetSocketAddress socketAddress(PeerEndpoint e) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(e.address()), e.port());
        } catch (UnknownHostException ex) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", ex);
        }
    }
}
