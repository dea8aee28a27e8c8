package dev.wgsim.spark;

import dev.wgsim.reports.sweep.SweepTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spark-submit --class dev.wgsim.spark.FolderToParquet wgsim-spark.jar DIR URI}: the tables
 * of a sweep folder already written (by {@code wgsim sweep}, {@code wgsim merge} or the Spark job)
 * as Parquet, running nothing.
 */
@Command(name = "wgsim-spark-parquet", mixinStandardHelpOptions = true, version = "wgsim-spark (see wgsim --version for the build)",
        description = {"Write a sweep folder's runs and aggregates as Parquet datasets URI/runs and URI/aggregates (the columns"
                + " of docs/results-format.md), from its sweep.json and runs/*/summary.json; nothing is simulated.",
                "Exit codes: 0 ok, 2 not a sweep folder."},
        footerHeading = "%nExample:%n",
        footer = {"  spark/run-local --class dev.wgsim.spark.FolderToParquet results/lossy-sweep results/lossy-sweep/parquet"})
public final class FolderToParquet implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A sweep folder (it holds sweep.json).")
    Path dir;

    @Parameters(index = "1", paramLabel = "URI", description = "Where to write runs/ and aggregates/ (a folder or a Hadoop URI).")
    String uri;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FolderToParquet()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(dir.resolve(SweepTables.MANIFEST))) {
            spec.commandLine().getErr().println("wgsim-spark: " + dir + " is not a sweep folder (no " + SweepTables.MANIFEST + ")");
            return 2;
        }
        SparkSession.Builder b = SparkSession.builder().appName("wgsim sweep tables to Parquet " + dir.getFileName());
        if (!new SparkConf().contains("spark.master")) {
            b.master("local[*]");
        }
        SparkSession spark = b.getOrCreate();
        try {
            long n = SparkSweepJob.folderToParquet(spark, dir, uri);
            spec.commandLine().getOut().println("parquet: " + n + " runs to " + uri + "/runs, their aggregates to " + uri + "/aggregates");
            return 0;
        } finally {
            spark.stop();
        }
    }
}
