/** Traffic applications over any routed interface: CBR, Poisson and on/off sources, ping, window-paced bulk transfer, UDP echo, and per-flow sinks. */
package dev.wgsim.engine.app;
