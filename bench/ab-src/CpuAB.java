import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A/B of one JMH benchmark method in two built source trees (-Dab.a=DIR, -Dab.b=DIR), in one JVM:
 * each tree's classes in its own class loader, the benchmark's @State object set up as JMH would
 * (params set, @Setup methods run), both warmed up, then rounds in ABBA order, each timed by the
 * thread's CPU time, which other processes on a shared machine disturb far less than wall time.
 * Prints median and min ns/op per tree and B/A of each. Run by bench/ab.
 * Usage: CpuAB MODULE CLASS METHOD CALLS_PER_ROUND ROUNDS [field=value...]
 */
public class CpuAB {
    public static void main(String[] a) throws Exception {
        String module = a[0], cls = a[1], method = a[2];
        int calls = Integer.parseInt(a[3]), rounds = Integer.parseInt(a[4]);
        String[] trees = {System.getProperty("ab.a"), System.getProperty("ab.b")};
        Object[] states = new Object[2];
        Method[] m = new Method[2];
        for (int t = 0; t < 2; t++) {
            Path d = Path.of(trees[t]);
            List<URL> urls = new ArrayList<>();
            urls.add(d.resolve(module + "/target/test-classes/").toUri().toURL());
            urls.add(d.resolve(module + "/target/classes/").toUri().toURL());
            for (String mm : List.of("sim-engine", "wg-model")) {
                urls.add(d.resolve(mm + "/target/classes/").toUri().toURL());
            }
            for (String p : Files.readString(d.resolve(module + "/target/bench.classpath")).trim().split(":")) {
                urls.add(Path.of(p).toUri().toURL());
            }
            ClassLoader l = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Class<?> c = l.loadClass(cls);
            Object o = c.getConstructor().newInstance();
            for (int i = 5; i < a.length; i++) {
                String[] kv = a[i].split("=", 2);
                Field f = c.getField(kv[0]);
                f.set(o, f.getType() == int.class ? (Object) Integer.parseInt(kv[1]) : kv[1]);
            }
            for (Method s : c.getMethods()) {
                for (var an : s.getAnnotations()) {
                    if (an.annotationType().getSimpleName().equals("Setup")) {
                        s.invoke(o);
                    }
                }
            }
            states[t] = o;
            m[t] = c.getMethod(method);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // warm-up: both trees, interleaved
        for (int r = 0; r < 6; r++) {
            for (int t = 0; t < 2; t++) {
                for (int i = 0; i < calls; i++) {
                    m[t].invoke(states[t]);
                }
            }
        }
        double[][] ns = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int t = (r % 2 == 0) ? k : 1 - k; // ABBA order
                long c0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    m[t].invoke(states[t]);
                }
                ns[t][r] = (mx.getCurrentThreadCpuTime() - c0) / (double) calls;
            }
        }
        double[] med = new double[2];
        double[] min = new double[2];
        for (int t = 0; t < 2; t++) {
            double[] s = ns[t].clone();
            Arrays.sort(s);
            med[t] = s[rounds / 2];
            min[t] = s[0];
            System.out.printf("%s %s.%s %s: median %.1f ns/op (min %.1f, max %.1f, %d rounds x %d calls, thread CPU time)%n",
                    t == 0 ? "A" : "B", cls.substring(cls.lastIndexOf('.') + 1), method, String.join(" ", Arrays.copyOfRange(a, 5, a.length)),
                    med[t], s[0], s[rounds - 1], rounds, calls);
        }
        System.out.printf("B/A = %.3f (medians), %.3f (minimums)%n", med[1] / med[0], min[1] / min[0]);
    }
}
