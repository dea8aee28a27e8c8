package dev.wgsim.scenario.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and git commit this jar was built from, written into a resource at build time by
 * maven-antrun-plugin running git (never asked of git at run time). {@code unknown} when the build had
 * no git checkout.
 *
 * @param version the Maven project version
 * @param commit  the full commit id
 * @param dirty   whether the working tree had uncommitted changes when it was built
 */
public record BuildInfo(String version, String commit, boolean dirty) {
    private static final BuildInfo CURRENT = load();

    public static BuildInfo current() {
        return CURRENT;
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/wgsim/scenario/build-info.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = p.getProperty("version", "unknown");
        String commit = p.getProperty("commit", "");
        return new BuildInfo(version, commit.isBlank() ? "unknown" : commit, Boolean.parseBoolean(p.getProperty("dirty", "false")));
    }

    /** {@code 0.1.0-SNAPSHOT (commit 30aa937…, modified)}. */
    public String describe() {
        String c = commit.length() > 12 ? commit.substring(0, 12) : commit;
        return version + " (commit " + c + (dirty ? ", with uncommitted changes" : "") + ")";
    }

    /** picocli's {@code --version}. */
    static final class Provider implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo b = current();
            return new String[] {"wgsim " + b.describe(), "Java " + System.getProperty("java.version") + " ("
                    + System.getProperty("java.vm.name") + "), " + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                "transport cipher: " + describeCipher()};
        }

        private static String describeCipher() {
            try {
                return dev.wgsim.wg.crypto.TransportAeads.describeDefault();
            } catch (IllegalArgumentException badProperty) {
                return badProperty.getMessage();
            }
        }
    }
}
