package dev.wgsim.engine.nat;

/**
 * RFC 4787's three answers to "what does the NAT compare with the remote?", used for both mapping
 * (section 4.1: which outbound packets share an external port) and filtering (section 5: which
 * inbound packets an existing mapping accepts).
 */
public enum Behavior {
    /** Any remote: one mapping per internal endpoint; any remote may send in (full cone). */
    ENDPOINT_INDEPENDENT("endpoint-independent"),
    /** Remote address must match: a mapping per remote address; only contacted addresses may send in. */
    ADDRESS_DEPENDENT("address-dependent"),
    /** Remote address and port must match (symmetric NAT when used for mapping). */
    ADDRESS_AND_PORT_DEPENDENT("address-and-port-dependent");

    private final String text;

    Behavior(String text) {
        this.text = text;
    }

    /** The RFC's name, also used in summary.json. */
    public String text() {
        return text;
    }

    /** Parses the RFC name or the short forms {@code eim/eif}, {@code adm/adf}, {@code apdm/apdf}. */
    public static Behavior parse(String field, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        switch (v) {
            case "endpoint-independent", "eim", "eif" -> {
                return ENDPOINT_INDEPENDENT;
            }
            case "address-dependent", "adm", "adf" -> {
                return ADDRESS_DEPENDENT;
            }
            case "address-and-port-dependent", "apdm", "apdf" -> {
                return ADDRESS_AND_PORT_DEPENDENT;
            }
            default -> throw new IllegalArgumentException(field + ": unknown NAT behaviour '" + value
                    + "'; valid: endpoint-independent, address-dependent, address-and-port-dependent");
        }
    }
}
