/** The interactive cryptokey-routing demo: a live simulation behind a loopback web page (wgsim demo). */
package dev.wgsim.scenario.demo;
