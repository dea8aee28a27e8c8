/**
 * IP address values shared by the engine and wg-model: {@link dev.wgsim.net.IpAddress} (parsed
 * strictly, never via DNS; printed as glibc's {@code inet_ntop} does, which is what {@code wg show}
 * and the event log print), {@link dev.wgsim.net.IpPrefix}, {@link dev.wgsim.net.InterfaceAddress}, and
 * {@link dev.wgsim.net.HostPort}, the one {@code host:port} splitter.
 */
package dev.wgsim.net;
