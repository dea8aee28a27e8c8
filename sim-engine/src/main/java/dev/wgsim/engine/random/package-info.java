/** Named random streams derived from (seed, stable name), and distributions that draw from them. */
package dev.wgsim.engine.random;
