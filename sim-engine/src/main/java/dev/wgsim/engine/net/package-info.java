/**
 * The simulated IP network: addresses, real IPv4/IPv6 packets, hosts with routing tables, UDP sockets, ICMP echo and tunnel interfaces.
 *
 * <p>A phone behind a home NAT talking to a server, with a pcap of the server:
 * <pre>{@code
 * Network net = new Network(seed);                       // event loop, streams, trace, metrics
 * Host phone = net.addHost("phone"), home = net.addHost("home");
 * Host inet = net.addRouter("inet"), server = net.addHost("server");
 * LinkConfig wifi = LinkConfig.builder().delayNanos(5_000_000).rateBitsPerSecond(50_000_000)
 *         .loss(LossModel.GilbertElliott.gilbert(0.01, 0.3)).build();
 * Link lan = Link.connect(net, "wifi", phone, "wlan0", InterfaceAddress.parse("192.168.1.10/24"),
 *         home, "lan", InterfaceAddress.parse("192.168.1.1/24"), wifi, wifi);
 * Link up = Link.connect(net, "home-inet", home, "wan", InterfaceAddress.parse("100.64.0.2/24"),
 *         inet, "i0", InterfaceAddress.parse("100.64.0.1/24"), LinkConfig.ideal(), LinkConfig.ideal());
 * Link srv = Link.connect(net, "server-inet", server, "eth0", InterfaceAddress.parse("198.51.100.1/24"),
 *         inet, "i1", InterfaceAddress.parse("198.51.100.254/24"), LinkConfig.ideal(), LinkConfig.ideal());
 * phone.setDefaultRoute(lan.a()); home.setDefaultRoute(up.a()); server.setDefaultRoute(srv.a());
 * new Nat(net, "home", home, up.a(), NatConfig.preset("easy"));
 * server.addObserver(PcapWriter.open(path, epochNanos));  // close it after the run
 * new FlowSink(server, 5001);
 * UdpSource.constantBitRate(phone, "video", Endpoint.parse("198.51.100.1:5001"), 1200, 1_000_000).start(0, 60_000_000_000L);
 * net.loop().runUntil(60_000_000_000L);
 * }</pre>
 * A tunnel (WireGuard) is a {@link dev.wgsim.engine.net.TunnelInterface}: routes to its subnet send inner packets to
 * its {@link dev.wgsim.engine.net.TunnelDriver}; the driver sends the encrypted datagrams with an ordinary
 * {@link dev.wgsim.engine.net.UdpSocket} and hands decrypted packets back with
 * {@link dev.wgsim.engine.net.TunnelInterface#deliver}.
 */
package dev.wgsim.engine.net;
