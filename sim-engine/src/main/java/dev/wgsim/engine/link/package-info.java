/** Point-to-point links with netem-class impairments per direction: delay, jitter, rate and queue, loss models, duplication, reordering, MTU, up/down. */
package dev.wgsim.engine.link;
