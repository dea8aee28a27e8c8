/** The one wrapper around Bouncy Castle (and the JDK cipher): WireGuard's primitives, keys as values and injected randomness. */
package dev.wgsim.wg.crypto;
