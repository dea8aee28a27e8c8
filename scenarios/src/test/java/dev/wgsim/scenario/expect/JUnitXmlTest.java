package dev.wgsim.scenario.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** JUnit XML as Surefire/Jenkins read it: counts, one testcase per expectation, failure text with context. */
class JUnitXmlTest {
    @Test
    void suitesCasesAndFailures(@TempDir Path dir) throws Exception {
        Outcome pass = new Outcome("exactly 20 initiations", true, "exactly 20", "counted 20", List.of());
        Outcome fail = new Outcome("every 5 s <& \"quoted\"", false, "every 5s", "gap was 4s",
                List.of("> 5.233000s  wg.handshake.initiated node=phone", "  9.265000s  wg.x\u0001"));
        List<SuiteResult> suites = List.of(
                new SuiteResult("regression/a.yaml", "a", 7, List.of(pass, fail), 1_500_000_000L, Optional.empty()),
                SuiteResult.badInput("regression/bad.yaml", "regression/bad.yaml:3:5: nodes[0]: bad\nfix it"));
        Path out = dir.resolve("reports/junit.xml");
        JUnitXml.write(out, suites);
        try (var files = Files.list(out.getParent())) {
            assertEquals(List.of(out), files.toList(), "no temporary file left behind");
        }
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(Files.readString(out))));
        Element root = d.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("3", root.getAttribute("tests"));
        assertEquals("1", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));
        Element s0 = (Element) root.getElementsByTagName("testsuite").item(0);
        assertEquals("regression/a.yaml", s0.getAttribute("name"));
        assertEquals("1.500", s0.getAttribute("time"));
        Element c1 = (Element) s0.getElementsByTagName("testcase").item(1);
        assertEquals("regression.a", c1.getAttribute("classname"));
        assertEquals("every 5 s <& \"quoted\"", c1.getAttribute("name"));
        Element f = (Element) c1.getElementsByTagName("failure").item(0);
        assertEquals("expected every 5s; gap was 4s", f.getAttribute("message"));
        assertTrue(f.getTextContent().contains("events around it:\n    > 5.233000s  wg.handshake.initiated node=phone"));
        assertTrue(f.getTextContent().contains("wg.x"), "control characters are dropped, the rest kept");
        Element err = (Element) root.getElementsByTagName("error").item(0);
        assertEquals("regression/bad.yaml:3:5: nodes[0]: bad", err.getAttribute("message"));
        validate(Files.readString(out)); // against the Surefire/Jenkins dialect
    }

    @Test
    void theSchemaCheckCanSayNo() {
        assertThrows(org.xml.sax.SAXException.class, () -> validate(
                "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase classname=\"c\"/></testsuite></testsuites>"));
        assertThrows(org.xml.sax.SAXException.class, () -> validate(
                "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"n\"><system-out/><failure/></testcase>"
                        + "</testsuite></testsuites>"));
    }

    private static void validate(String xml) throws Exception {
        javax.xml.validation.Schema xsd = javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Path.of("src/test/resources/junit/junit-jenkins.xsd").toFile());
        xsd.newValidator().validate(new javax.xml.transform.stream.StreamSource(new StringReader(xml)));
    }
}
