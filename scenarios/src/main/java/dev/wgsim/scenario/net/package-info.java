/** IP addresses, prefixes and endpoints as written in scenario files, parsed strictly (never via DNS). */
package dev.wgsim.scenario.net;
