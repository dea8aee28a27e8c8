package dev.wgsim.wg.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.security.Key;
import java.security.MessageDigest;
import java.security.spec.AlgorithmParameterSpec;
import java.util.HexFormat;

/**
 * The JDK's own Poly1305 (SunJCE's {@code com.sun.crypto.provider.Poly1305}, which has CPU
 * intrinsics from Java 20 on), reached through method handles. The JDK keeps that class to itself:
 * it is usable only when {@code java.base} opens {@code com.sun.crypto.provider} to us
 * ({@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED}, or {@code Add-Opens} in an
 * executable jar's manifest, as wgsim.jar has). {@link #AVAILABLE} says whether it is; when it is
 * not, {@link #UNAVAILABLE_REASON} says why and callers use the JDK's whole ChaCha20-Poly1305 cipher.
 * <p>
 * Availability is decided once, by computing RFC 8439 §2.5.2's Poly1305 test vector through the
 * handles: a JDK whose class has other methods, or computes something else, is not used.
 */
final class JdkPoly1305 {
    private static final String CLASS = "com.sun.crypto.provider.Poly1305";
    static final boolean AVAILABLE;
    static final String UNAVAILABLE_REASON;
    private static final MethodHandle NEW;      // () -> Object
    private static final MethodHandle INIT;     // (Object, Key, AlgorithmParameterSpec) -> void
    private static final MethodHandle UPDATE;   // (Object, byte[], int, int) -> void
    private static final MethodHandle FINISH;   // (Object) -> byte[]

    static {
        MethodHandle create = null;
        MethodHandle init = null;
        MethodHandle update = null;
        MethodHandle finish = null;
        String reason = null;
        try {
            Class<?> c = Class.forName(CLASS);
            // RFC 8439 rejects no one-time key; the JDK's weak-key check (from Java 21; r or s all
            // zero) would turn a 2^-106 event into an exception, so it is turned off where it exists.
            Constructor<?> k;
            boolean weakKeyCheck;
            try {
                k = c.getDeclaredConstructor(boolean.class);
                weakKeyCheck = true;
            } catch (NoSuchMethodException java17) {
                k = c.getDeclaredConstructor();
                weakKeyCheck = false;
            }
            Method i = c.getDeclaredMethod("engineInit", Key.class, AlgorithmParameterSpec.class);
            Method u = c.getDeclaredMethod("engineUpdate", byte[].class, int.class, int.class);
            Method f = c.getDeclaredMethod("engineDoFinal");
            k.setAccessible(true); // InaccessibleObjectException unless the package is opened to us
            i.setAccessible(true);
            u.setAccessible(true);
            f.setAccessible(true);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            create = lookup.unreflectConstructor(k);
            if (weakKeyCheck) {
                create = MethodHandles.insertArguments(create, 0, false);
            }
            create = create.asType(MethodType.methodType(Object.class));
            init = lookup.unreflect(i).asType(MethodType.methodType(void.class, Object.class, Key.class,
                    AlgorithmParameterSpec.class));
            update = lookup.unreflect(u).asType(MethodType.methodType(void.class, Object.class, byte[].class,
                    int.class, int.class));
            finish = lookup.unreflect(f).asType(MethodType.methodType(byte[].class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            reason = CLASS + " is not usable here (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); run with --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED";
        }
        NEW = create;
        INIT = init;
        UPDATE = update;
        FINISH = finish;
        if (reason == null) {
            reason = selfTest();
        }
        AVAILABLE = reason == null;
        UNAVAILABLE_REASON = reason;
    }

    /** RFC 8439 §2.5.2: null when the handles compute the published tag, else why not. */
    private static String selfTest() {
        try {
            HexFormat hex = HexFormat.of();
            byte[] key = hex.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
            byte[] msg = "Cryptographic Forum Research Group".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            JdkPoly1305 p = new JdkPoly1305();
            p.init(key, 0);
            p.update(msg, 0, 5);
            p.update(msg, 5, msg.length - 5);
            byte[] tag = new byte[16];
            p.finish(tag, 0);
            return MessageDigest.isEqual(tag, hex.parseHex("a8061dc1305136c6c22b8baf0c0127a9")) ? null
                    : CLASS + " does not compute RFC 8439's Poly1305 test vector";
        } catch (RuntimeException e) {
            return CLASS + " failed RFC 8439's Poly1305 test vector: " + e;
        }
    }

    private final Object mac;
    private final OneTimeKey key = new OneTimeKey();

    /**
     * The one-time key handed to the JDK's Poly1305, which reads it once per init (and clamps r in
     * place): one object and array per MAC state instead of a SecretKeySpec and two copies per packet.
     */
    private static final class OneTimeKey implements javax.crypto.SecretKey {
        private static final long serialVersionUID = 1L;
        final byte[] bytes = new byte[32];

        @Override
        public String getAlgorithm() {
            return "Poly1305";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return bytes;
        }
    }

    /** One MAC state; not thread-safe. Only when {@link #AVAILABLE}. */
    JdkPoly1305() {
        if (NEW == null) {
            throw new IllegalStateException(UNAVAILABLE_REASON);
        }
        try {
            mac = NEW.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Starts a MAC with the 32-byte one-time key at {@code key[off]}. */
    void init(byte[] key, int off) {
        try {
            System.arraycopy(key, off, this.key.bytes, 0, 32);
            INIT.invokeExact(mac, (Key) this.key, (AlgorithmParameterSpec) null);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("a 32-byte Poly1305 key is always valid", t);
        }
    }

    void update(byte[] in, int off, int len) {
        try {
            UPDATE.invokeExact(mac, in, off, len);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Writes the 16-byte tag at {@code out[off]} and resets the state. */
    void finish(byte[] out, int off) {
        byte[] tag;
        try {
            tag = (byte[]) FINISH.invokeExact(mac);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        System.arraycopy(tag, 0, out, off, 16);
    }
}
