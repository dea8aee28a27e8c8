package dev.wgsim.engine.nat;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.IpAddress;
import java.util.HashSet;
import java.util.Set;

/** One NAT binding: internal endpoint to external port, with the remotes it has sent to (for filtering). */
final class Mapping {
    final int protocol;
    final IpAddress internalAddress;
    final int internalPort;
    final int externalPort;
    final Object key;
    /** Remote that caused the mapping to be created (reported in trace events). */
    final Endpoint firstRemote;
    final Set<IpAddress> contactedAddresses = new HashSet<>();
    final Set<Endpoint> contactedEndpoints = new HashSet<>();
    /** A leased port mapping (UPnP/NAT-PMP/PCP): any remote may send in; traffic does not extend it. */
    boolean leased;
    long expiresAt;
    long lastRefreshTraced;
    long expiryHandle;
    boolean removed;

    Mapping(int protocol, IpAddress internalAddress, int internalPort, int externalPort, Object key, Endpoint firstRemote) {
        this.protocol = protocol;
        this.internalAddress = internalAddress;
        this.internalPort = internalPort;
        this.externalPort = externalPort;
        this.key = key;
        this.firstRemote = firstRemote;
    }

    Endpoint internal() {
        return new Endpoint(internalAddress, internalPort);
    }
}
