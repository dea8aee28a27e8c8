package dev.wgsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class JunitXmlTest {
    @Test
    void aFailedExpectationIsAFailureWithItsMessageAndTheXmlStaysWellFormed() throws Exception {
        String xml = JunitXml.render("s<1>", List.of(
                new ExpectationResult("flow video delivered >= 99%", true, "was 100%"),
                new ExpectationResult("at 30s: a's endpoint for \"b\" is 1.2.3.4:5", false, "endpoint was <none> & gone")));
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = doc.getDocumentElement();
        assertEquals("s<1>", suite.getAttribute("name"));
        assertEquals("1", suite.getAttribute("failures"));
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertEquals("endpoint was <none> & gone", failure.getAttribute("message"));
        assertEquals("at 30s: a's endpoint for \"b\" is 1.2.3.4:5",
                ((Element) failure.getParentNode()).getAttribute("name"));
    }
}
