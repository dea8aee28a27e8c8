package dev.wgsim.wg.crypto;

/**
 * Chooses the transport cipher implementation. Default: the JDK cipher from Java 21 on (it has CPU
 * intrinsics there; README.md quotes the measured seal+open times, {@code TransportCpuTime}
 * measures them: 2.4 against 8.9 µs on Java 25), Bouncy Castle before (on Java 17 the JDK's is
 * only about 10 % faster, 8.8 against 10.0 µs, and BC allocates less). The system property
 * {@value #PROPERTY} = {@code bc} or {@code jdk} overrides the choice. It is read on first use;
 * any other value makes {@link #defaultProvider()} (and so {@link #create(byte[])}) throw an
 * {@link IllegalArgumentException} with a one-line message, every time, rather than failing
 * the class's initialisation; {@link #checkProperty()} lets a program report it up front.
 */
public final class TransportAeads {
    public static final String PROPERTY = "wgsim.aead";

    /** How transport ciphers are built. */
    public enum Provider { BC, JDK }

    private static volatile Provider resolved;

    private TransportAeads() {}

    static Provider choose(String property, int javaFeature) {
        if (property != null && !property.isBlank()) {
            switch (property.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "bc": return Provider.BC;
                case "jdk": return Provider.JDK;
                default: throw new IllegalArgumentException("-D" + PROPERTY + "=" + property
                        + ": unknown transport cipher. Allowed values: bc (Bouncy Castle), jdk (the JDK's"
                        + " ChaCha20-Poly1305), or leave it unset (jdk from Java 21 on, bc before)");
            }
        }
        return javaFeature >= 21 ? Provider.JDK : Provider.BC;
    }

    /** The provider the system property asks for, else the default for this JVM. */
    public static Provider defaultProvider() {
        Provider p = resolved;
        if (p == null) {
            p = choose(System.getProperty(PROPERTY), Runtime.version().feature());
            resolved = p;
        }
        return p;
    }

    /** Throws the one-line {@link IllegalArgumentException} now if the system property is invalid. */
    public static void checkProperty() {
        defaultProvider();
    }

    /**
     * The default transport cipher in words, for {@code --version} and benchmark output: "bc",
     * "jdk, split construction", or "jdk, aead construction (why split is not available)".
     */
    public static String describeDefault() {
        Provider p = defaultProvider();
        if (p == Provider.BC) {
            return "bc (Bouncy Castle's ChaCha20-Poly1305)";
        }
        String why = JdkTransportAead.splitUnavailableReason();
        return why == null ? "jdk, split construction (the JDK's ChaCha20 and Poly1305)"
                : "jdk, aead construction (the JDK's ChaCha20-Poly1305; " + why + ")";
    }

    public static TransportAead create(byte[] key32) {
        return create(defaultProvider(), key32);
    }

    public static TransportAead create(Provider provider, byte[] key32) {
        return provider == Provider.JDK ? new JdkTransportAead(key32) : new BcTransportAead(key32);
    }
}
