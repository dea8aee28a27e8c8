/** The Noise_IKpsk2 handshake of WireGuard: message codecs, handshake steps, mac1/mac2 and cookies, indices and rate limits. */
package dev.wgsim.wg.noise;
