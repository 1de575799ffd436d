package org.bluelamp.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.TableName;
import org.bluelamp.spatial.GeoExport;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bluelamp export}: a gold table as a GeoJSON or GeoParquet layer for GIS tools. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write a gold grid or hot-spot table as a GIS layer (QGIS, kepler.gl): every row a feature",
      "in WGS84, its geometry from the table's H3 cell, square cell, street, ward or lon/lat.",
      "GeoJSON is one FeatureCollection; GeoParquet one file of GeoParquet 1.0.",
      "E.g. export gold.hotspot_gi_star --where \"event_type = 'crime'\" --out gi.geojson"
    })
final class Export implements Callable<Integer> {
  @Parameters(index = "0", description = "The gold table, e.g. gold.hotspot_gi_star.")
  String table;

  @Option(names = "--out", required = true, description = "The file to write (replaced).")
  Path out;

  @Option(
      names = "--format",
      description =
          "${COMPLETION-CANDIDATES}; default: from the file name (.parquet: geoparquet, else"
              + " geojson).")
  GeoExport.Format format;

  @Option(
      names = "--where",
      description = "Only the rows matching this Spark SQL condition, e.g. \"h3_resolution = 8\".")
  String where;

  @Override
  public Integer call() {
    Workspace workspace = Workspace.fromEnvironment();
    Progress progress = new Progress(Orchestration.OUT);
    GeoExport.Format chosen =
        format != null
            ? format
            : out.getFileName().toString().endsWith(".parquet")
                ? GeoExport.Format.GEOPARQUET
                : GeoExport.Format.GEOJSON;
    long written =
        GeoExport.write(
            GeoExport.features(
                workspace.lake(),
                Pipelines.load(workspace.pipelines()),
                TableName.of(table),
                where),
            chosen,
            out);
    progress.log(
        "export",
        table + ": " + Progress.count(written) + " feature(s) to " + out + " (" + chosen + ")");
    return 0;
  }
}
