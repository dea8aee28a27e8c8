package dev.wgsim.scenario.expect;

import dev.wgsim.reports.output.AtomicFiles;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML in the Surefire/Jenkins dialect every CI reads: one {@code testsuite} per scenario
 * file, one {@code testcase} per expectation, a {@code failure} (message = expected/actual,
 * body = message and the events around it) for each failed one, and an {@code error} testcase for
 * a file that could not run.
 */
public final class JUnitXml {
    private JUnitXml() {
    }

    public static String render(List<SuiteResult> suites) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "wgsim");
            w.writeAttribute("tests", Long.toString(suites.stream().mapToLong(JUnitXml::tests).sum()));
            w.writeAttribute("failures", Long.toString(suites.stream().mapToLong(SuiteResult::failures).sum()));
            w.writeAttribute("errors", Long.toString(suites.stream().filter(s -> s.error().isPresent()).count()));
            w.writeAttribute("time", seconds(suites.stream().mapToLong(SuiteResult::wallNanos).sum()));
            for (SuiteResult s : suites) {
                suite(w, s);
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing JUnit XML failed", e);
        }
        return out.toString();
    }

    private static void suite(XMLStreamWriter w, SuiteResult s) throws XMLStreamException {
        w.writeCharacters("\n  ");
        w.writeStartElement("testsuite");
        w.writeAttribute("name", s.file());
        w.writeAttribute("tests", Long.toString(tests(s)));
        w.writeAttribute("failures", Long.toString(s.failures()));
        w.writeAttribute("errors", s.error().isPresent() ? "1" : "0");
        w.writeAttribute("skipped", "0");
        w.writeAttribute("time", seconds(s.wallNanos()));
        if (s.error().isEmpty()) {
            w.writeCharacters("\n    ");
            w.writeStartElement("properties");
            property(w, "scenario", s.scenarioName());
            property(w, "seed", Long.toString(s.seed()));
            w.writeEndElement();
        }
        String classname = s.file().replaceAll("\\.ya?ml$", "").replace('/', '.').replace('\\', '.');
        if (s.error().isPresent()) {
            w.writeCharacters("\n    ");
            w.writeStartElement("testcase");
            w.writeAttribute("classname", classname);
            w.writeAttribute("name", "scenario input");
            w.writeAttribute("time", "0");
            w.writeStartElement("error");
            w.writeAttribute("message", clean(firstLine(s.error().get())));
            w.writeAttribute("type", "ScenarioException");
            w.writeCharacters(clean(s.error().get()));
            w.writeEndElement();
            w.writeEndElement();
        }
        for (Outcome o : s.outcomes()) {
            w.writeCharacters("\n    ");
            w.writeStartElement("testcase");
            w.writeAttribute("classname", classname);
            w.writeAttribute("name", clean(o.text()));
            w.writeAttribute("time", "0");
            if (!o.passed()) {
                w.writeStartElement("failure");
                w.writeAttribute("message", clean(o.message()));
                w.writeAttribute("type", "ExpectationFailed");
                w.writeCharacters(clean(o.details()));
                w.writeEndElement();
            } else {
                w.writeStartElement("system-out");
                w.writeCharacters(clean(o.message()));
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        w.writeCharacters("\n  ");
        w.writeEndElement();
    }

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeEmptyElement("property");
        w.writeAttribute("name", name);
        w.writeAttribute("value", clean(value));
    }

    /** Writes the report next to {@code file} and renames it into place, so a reader never sees half a file. */
    public static void write(Path file, List<SuiteResult> suites) {
        AtomicFiles.write(file, render(suites).getBytes(StandardCharsets.UTF_8));
    }

    private static long tests(SuiteResult s) {
        return s.outcomes().size() + (s.error().isPresent() ? 1 : 0);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Drops characters XML 1.0 cannot carry at all (control characters other than tab, CR, LF). */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                if (c != 0xFFFE && c != 0xFFFF) {
                    sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
