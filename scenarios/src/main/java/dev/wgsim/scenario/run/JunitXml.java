package dev.wgsim.scenario.run;

import java.util.List;
import java.util.Locale;

/**
 * {@code junit.xml} of a run's expectations (one testsuite per scenario, one testcase per
 * expectation), in the Ant/Surefire format every CI understands. Times are virtual, so 0.
 */
public final class JunitXml {
    private JunitXml() {
    }

    public static String render(String scenario, List<ExpectationResult> results) {
        long failures = results.stream().filter(r -> !r.passed()).count();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"0\">%n",
                escape(scenario), results.size(), failures));
        for (ExpectationResult r : results) {
            sb.append("  <testcase classname=\"").append(escape(scenario)).append("\" name=\"").append(escape(r.text()))
                    .append("\" time=\"0\"");
            if (r.passed()) {
                sb.append("/>\n");
            } else {
                sb.append(">\n    <failure message=\"").append(escape(r.message())).append("\">")
                        .append(escape(r.text() + ": " + r.message())).append("</failure>\n  </testcase>\n");
            }
        }
        return sb.append("</testsuite>\n").toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
