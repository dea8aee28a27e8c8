/**
 * The anti-replay window of a session's receive side ({@link dev.wgsim.wg.session.ReplayWindow}).
 * The keypairs themselves, their send counters and their three slots live in
 * {@code dev.wgsim.wg.device} ({@code Keypair}, {@code Keypairs}), next to the timers that rotate them.
 */
package dev.wgsim.wg.session;
