/**
 * The coordination server and its client, sans-I/O like WgDevice: registration with a node key and
 * a pre-auth key, addresses from 100.64.0.0/10 and fd7a:115c:a1e0::/48, and the network map streamed
 * as a full map then batched deltas (Headscale's shape). Time is passed in; outputs are returned.
 */
package dev.wgsim.scenario.tailnet.control;
