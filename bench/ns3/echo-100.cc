// ns-3.37 side of issue 14's per-packet comparison (bench/scenarios/echo-100*.yaml are the wgsim
// side): 100 independent point-to-point pairs, 5 Mbit/s, 2 ms, UdpEchoClient sending 1,024 bytes
// every 10 ms for 60 s to a UdpEchoServer on the other end (1.2 M packets in all). Built and run
// by bench/ns3/run, which prints the simulation's wall and CPU time (Simulator::Run only).
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <chrono>
#include <cstdio>
#include <ctime>

using namespace ns3;

int main(int argc, char* argv[]) {
    uint32_t pairs = 100;
    double seconds = 60.0;
    CommandLine cmd;
    cmd.AddValue("pairs", "number of point-to-point pairs", pairs);
    cmd.AddValue("seconds", "simulated seconds", seconds);
    cmd.Parse(argc, argv);

    auto setupStart = std::chrono::steady_clock::now();
    NodeContainer nodes;
    nodes.Create(2 * pairs);
    InternetStackHelper stack;
    stack.Install(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("5Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    Ipv4AddressHelper addresses;
    for (uint32_t i = 0; i < pairs; i++) {
        NetDeviceContainer devices = p2p.Install(nodes.Get(2 * i), nodes.Get(2 * i + 1));
        char base[32];
        std::snprintf(base, sizeof base, "10.%u.%u.0", 1 + i / 250, i % 250);
        addresses.SetBase(base, "255.255.255.0");
        Ipv4InterfaceContainer ifs = addresses.Assign(devices);

        UdpEchoServerHelper server(9);
        ApplicationContainer s = server.Install(nodes.Get(2 * i + 1));
        s.Start(Seconds(0.0));
        s.Stop(Seconds(seconds + 1));
        UdpEchoClientHelper client(ifs.GetAddress(1), 9);
        client.SetAttribute("MaxPackets", UintegerValue(1u << 30));
        client.SetAttribute("Interval", TimeValue(MilliSeconds(10)));
        client.SetAttribute("PacketSize", UintegerValue(1024));
        ApplicationContainer c = client.Install(nodes.Get(2 * i));
        c.Start(Seconds(0.0));
        c.Stop(Seconds(seconds));
    }
    auto runStart = std::chrono::steady_clock::now();
    // CPU time of the (single-threaded) process: like wgsim's simulation-thread CPU time, it leaves
    // out the time a shared machine gives to other jobs.
    std::clock_t cpuStart = std::clock();
    Simulator::Stop(Seconds(seconds + 1));
    Simulator::Run();
    std::clock_t cpuEnd = std::clock();
    auto runEnd = std::chrono::steady_clock::now();
    Simulator::Destroy();
    std::printf("ns3 echo: pairs %u, setup %.3f s, simulation wall %.3f s, simulation cpu %.3f s\n", pairs,
                std::chrono::duration<double>(runStart - setupStart).count(),
                std::chrono::duration<double>(runEnd - runStart).count(),
                double(cpuEnd - cpuStart) / CLOCKS_PER_SEC);
    return 0;
}
