/** Writes simulated packets to classic libpcap files (LINKTYPE_RAW, virtual timestamps) that Wireshark and tshark read. */
package dev.wgsim.engine.pcap;
