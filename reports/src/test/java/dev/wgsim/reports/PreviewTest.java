package dev.wgsim.reports;

import dev.wgsim.reports.charts.*;
import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.testing.SyntheticRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PreviewTest {
    @Test
    void preview() {
        for (String which : new String[] {"small", "hub"}) {
            Path dir = which.equals("small") ? SyntheticRun.small(Path.of("target/preview/small"), 1).write()
                    : SyntheticRun.hub(Path.of("target/preview/hub"), 1, 1000).write();
            long t0 = System.nanoTime();
            ResultsFolder r = ResultsFolder.read(dir);
            long t1 = System.nanoTime();
            ChartOptions o = ChartOptions.defaults();
            for (Figure f : Charts.build(r, o)) {
                ChartWriter.writePng(f, o.width(), o.height(), o.pngScale(), dir.resolve("charts/" + f.stem() + ".png"));
                ChartWriter.writeSvg(f, o.width(), o.height(), dir.resolve("charts/" + f.stem() + ".svg"));
            }
            long t2 = System.nanoTime();
            System.out.printf("%s read %.0f ms render %.0f ms%n", which, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
    }
}
