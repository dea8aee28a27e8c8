package dev.wgsim.wg.device;

/** Which side of a handshake this device played. */
public enum Role { INITIATOR, RESPONDER }
