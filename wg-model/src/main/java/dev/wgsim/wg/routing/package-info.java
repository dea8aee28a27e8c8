/** Cryptokey routing: IP prefixes and the allowed-IPs longest-prefix table that maps them to peers. */
package dev.wgsim.wg.routing;
