/** RFC 4787 NAT boxes: mapping and filtering behaviours, port allocation, mapping timeouts, hairpinning, one-to-one NAT and Tailscale-style presets. */
package dev.wgsim.engine.nat;
