/** wg-quick configuration files in and out, {@code wg show} renderings and Wireshark keylogs. */
package dev.wgsim.wg.config;
