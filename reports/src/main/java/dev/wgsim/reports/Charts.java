package dev.wgsim.reports;

import dev.wgsim.reports.charts.ChartKind;
import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.charts.DropsChart;
import dev.wgsim.reports.charts.Figure;
import dev.wgsim.reports.charts.FlowDistributionChart;
import dev.wgsim.reports.charts.HandshakeTimelineChart;
import dev.wgsim.reports.charts.LatencyCharts;
import dev.wgsim.reports.charts.LatencyData;
import dev.wgsim.reports.charts.NatChart;
import dev.wgsim.reports.charts.Palette;
import dev.wgsim.reports.charts.TailnetCharts;
import dev.wgsim.reports.charts.TailnetMatrixChart;
import dev.wgsim.reports.charts.ThroughputChart;
import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.results.Topology;
import java.util.ArrayList;
import java.util.List;

/** Builds the figures a results folder supports, in report order, with one palette per name space. */
public final class Charts {
    private Charts() {}

    public static List<Figure> build(ResultsFolder r, ChartOptions o) {
        Palette flows = new Palette(r.summary().flows().stream().map(f -> f.name()).toList());
        Palette nodes = new Palette(r.summary().topology().nodes().stream().map(Topology.Node::name).toList());
        Palette nats = new Palette(r.summary().topology().nats().stream().map(Topology.Nat::name).toList());
        Palette reasons = new Palette(r.summary().drops().keySet());
        List<Figure> out = new ArrayList<>();
        if (o.wants(ChartKind.THROUGHPUT) && !r.throughput().isEmpty()) {
            out.add(ThroughputChart.build(r, o, flows));
        }
        if (o.wants(ChartKind.LATENCY) && !r.latency().isEmpty()) {
            List<LatencyData.Group> groups = LatencyData.groups(r, o.maxSeries());
            out.add(LatencyCharts.overTime(r, groups, flows));
            out.add(LatencyCharts.cdf(r, groups, flows));
        }
        if (o.wants(ChartKind.FLOWS) && FlowDistributionChart.applies(r, o)) {
            out.add(FlowDistributionChart.build(r, flows));
        }
        if (o.wants(ChartKind.HANDSHAKES) && !r.wgEvents().isEmpty()) {
            out.add(HandshakeTimelineChart.build(r, o, nodes));
        }
        if (o.wants(ChartKind.DROPS) && !r.drops().isEmpty()) {
            out.add(DropsChart.build(r, o, reasons));
        }
        if (o.wants(ChartKind.NAT) && NatChart.applies(r)) {
            out.add(NatChart.build(r, o, nats));
        }
        if (o.wants(ChartKind.TAILNET) && TailnetMatrixChart.applies(r)) {
            out.add(TailnetMatrixChart.build(r));
        }
        if (o.wants(ChartKind.TAILNET) && TailnetCharts.appliesShares(r)) {
            out.add(TailnetCharts.relayedShare(r));
        }
        TailnetCharts.Load load = o.wants(ChartKind.TAILNET) ? TailnetCharts.load(r) : null;
        if (load != null) {
            out.add(TailnetCharts.relayLoad(r, new Palette(load.bytes().keySet())));
        }
        return out;
    }
}
