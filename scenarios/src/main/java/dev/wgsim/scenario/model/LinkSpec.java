package dev.wgsim.scenario.model;

/**
 * A point-to-point link between two stations (nodes or NATs), with its model per direction.
 *
 * @param up whether the link is up at time 0
 */
public record LinkSpec(String name, String a, String b, LinkDirectionSpec aToB, LinkDirectionSpec bToA, boolean up) {
}
