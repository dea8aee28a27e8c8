package dev.wgsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.reports.charts.Palette;
import dev.wgsim.reports.html.TopologySvg;
import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.results.Topology;
import dev.wgsim.reports.testing.Images;
import dev.wgsim.reports.testing.SyntheticRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TopologySvgTest {
    @TempDir
    Path tmp;

    private static Document svg(Topology t) throws Exception {
        String s = TopologySvg.render(t, new Palette(t.nodes().stream().map(Topology.Node::name).toList()));
        return Images.parseXml(s.replace("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" "));
    }

    @Test
    void drawsHostsNatsRoutersLinksAndTunnels() throws Exception {
        Topology t = ResultsFolder.read(SyntheticRun.small(tmp.resolve("s"), 1).write()).summary().topology();
        Document d = svg(t);
        assertEquals(4, d.getElementsByTagName("rect").getLength(), "four hosts");
        assertEquals(1, d.getElementsByTagName("polygon").getLength(), "one NAT");
        assertEquals(1, d.getElementsByTagName("ellipse").getLength(), "the inet router");
        assertEquals(5, d.getElementsByTagName("line").getLength(), "five links; the NAT's inside/outside edges repeat two of them");
        assertEquals(3, d.getElementsByTagName("path").getLength(), "server's three tunnels");
        // The best-connected vertex (inet) is the top row; the NAT's inside host is one row below the NAT.
        NodeList texts = d.getElementsByTagName("text");
        double inetY = yOf(texts, "inet");
        double homeY = yOf(texts, "home");
        double laptopY = yOf(texts, "laptop");
        assertTrue(inetY < homeY && homeY < laptopY, inetY + " " + homeY + " " + laptopY);
        assertEquals(TopologySvg.render(t, new Palette(List.of())), TopologySvg.render(t, new Palette(List.of())));
    }

    @Test
    void largeRowsAreCappedWithACount() throws Exception {
        Topology t = ResultsFolder.read(SyntheticRun.hub(tmp.resolve("h"), 1, 60).write()).summary().topology();
        Document d = svg(t);
        NodeList texts = d.getElementsByTagName("text");
        boolean more = false;
        for (int i = 0; i < texts.getLength(); i++) {
            more |= texts.item(i).getTextContent().matches("\\+\\d+ more");
        }
        assertTrue(more);
        assertTrue(d.getElementsByTagName("rect").getLength() < 60, "not 60 boxes");
    }

    @Test
    void aGroupedEntryIsOneBoxSayingHowManyNodes() throws Exception {
        // summary.json above 1,000 nodes: the copies of 'spoke-{i}' as one entry with a count.
        Topology t = new Topology(List.of(
                new Topology.Node("inet", List.of(), null, true),
                new Topology.Node("hub", List.of("198.51.100.1"), null, false),
                new Topology.Node("spoke-{i}", List.of("100.64.0.1"), null, false, 100_000)),
                List.of(new Topology.Link("hub-inet", "hub", "inet"), new Topology.Link("spoke-{i}-inet", "spoke-{i}", "inet")),
                List.of());
        assertEquals(100_002, t.hostCount());
        Document d = svg(t);
        NodeList texts = d.getElementsByTagName("text");
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            labels.add(texts.item(i).getTextContent());
        }
        assertTrue(labels.containsAll(List.of("spoke-{i}", "100,000 nodes", "from 100.64.0.1")), labels::toString);
        assertEquals(2, d.getElementsByTagName("rect").getLength(), "hub and one box for the spokes");
        assertEquals(2, d.getElementsByTagName("line").getLength(), "the two link entries");
    }

    @Test
    void aGroupedNatSaysHowManyNats() throws Exception {
        Topology t = new Topology(List.of(new Topology.Node("host-{i}", List.of("10.0.0.1"), null, false, 10)),
                List.of(new Topology.Link("lan-{i}", "host-{i}", "nat-{i}"), new Topology.Link("wan-{i}", "nat-{i}", "inet")),
                List.of(new Topology.Nat("nat-{i}", List.of("host-{i}"), "inet", "endpoint-independent",
                        "address-and-port-dependent", 10)));
        NodeList texts = svg(t).getElementsByTagName("text");
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            labels.add(texts.item(i).getTextContent());
        }
        assertTrue(labels.containsAll(List.of("nat-{i}", "NAT EI / APD", "10 NATs", "10 nodes")), labels::toString);
    }

    @Test
    void namesAreEscaped() throws Exception {
        Topology t = new Topology(List.of(new Topology.Node("a<b>&c", List.of("10.0.0.1"), null, false)),
                List.of(new Topology.Link("l", "a<b>&c", "net")), List.of());
        String s = TopologySvg.render(t, new Palette(List.of()));
        assertTrue(s.contains("a&lt;b&gt;&amp;c"));
        svg(t);
    }

    private static double yOf(NodeList texts, String label) {
        for (int i = 0; i < texts.getLength(); i++) {
            Element e = (Element) texts.item(i);
            if (e.getTextContent().equals(label)) {
                return Double.parseDouble(e.getAttribute("y"));
            }
        }
        throw new AssertionError("no label " + label);
    }
}
