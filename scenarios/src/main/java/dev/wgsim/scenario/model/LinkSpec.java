package dev.wgsim.scenario.model;

/**
 * A point-to-point link between two stations (nodes or NATs), with its model per direction.
 *
 * @param up    whether the link is up at time 0
 * @param group the name as written in the {@code count:} entry this link is a copy of (e.g.
 *              {@code spoke-{i}-inet}), or empty
 */
public record LinkSpec(String name, String a, String b, LinkDirectionSpec aToB, LinkDirectionSpec bToA, boolean up,
                       String group) {
    public LinkSpec {
        group = group == null ? "" : group;
    }

    /** A link that is not a copy from a {@code count:} entry. */
    public LinkSpec(String name, String a, String b, LinkDirectionSpec aToB, LinkDirectionSpec bToA, boolean up) {
        this(name, a, b, aToB, bToA, up, "");
    }
}
