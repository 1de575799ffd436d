package org.bluelamp.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.bluelamp.Errors;

/**
 * Spark plumbing around {@link FileReader}: files are spread over the executors, each file is
 * streamed by one task, and every record becomes a row of text columns plus its lineage.
 */
final class RawReader {
  static final String FILE = "_file";
  static final String OFFSET = "_offset";
  static final String RAW = "_raw";
  static final String ERROR = "_error";
  static final String EXTRA = "_extra";

  private RawReader() {}

  static StructType schema(List<String> columns) {
    StructType schema =
        new StructType()
            .add(FILE, DataTypes.StringType, false)
            .add(OFFSET, DataTypes.LongType, false)
            .add(RAW, DataTypes.StringType, true)
            .add(ERROR, DataTypes.StringType, true)
            .add(EXTRA, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true);
    for (String column : columns) {
      schema = schema.add(column, DataTypes.StringType, true);
    }
    return schema;
  }

  static Dataset<Row> read(
      SparkSession spark,
      String source,
      FileReader reader,
      List<LandingFile> files,
      List<String> columns) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = Math.max(1, Math.min(files.size(), context.defaultParallelism() * 2));
    // Plain strings as elements: the Kryo that Spark bundles cannot serialise Java records.
    Map<String, String> names = new HashMap<>();
    files.forEach(f -> names.put(f.location(), f.name()));
    JavaRDD<Row> rows =
        context
            .parallelize(files.stream().map(LandingFile::location).toList(), slices)
            .flatMap(
                new ReadFile(
                    source,
                    reader,
                    List.copyOf(columns),
                    names,
                    new SerializableConfiguration(spark.sparkContext().hadoopConfiguration())));
    return spark.createDataFrame(rows, schema(columns));
  }

  private static final class ReadFile implements FlatMapFunction<String, Row> {
    private final String source;
    private final FileReader reader;
    private final List<String> columns;
    private final java.util.Set<String> declared;
    private final Map<String, String> names;
    private final SerializableConfiguration conf;

    ReadFile(
        String source,
        FileReader reader,
        List<String> columns,
        Map<String, String> names,
        SerializableConfiguration conf) {
      this.source = source;
      this.reader = reader;
      this.columns = columns;
      this.declared = new java.util.HashSet<>(columns);
      this.names = names;
      this.conf = conf;
    }

    @Override
    public Iterator<Row> call(String location) {
      LandingFile file = new LandingFile(location, names.get(location), 0, 0);
      InputStream in;
      Iterator<RawRecord> records;
      try {
        in = Landing.open(file.location(), conf.value());
        records = reader.read(in);
      } catch (IOException | RuntimeException e) {
        throw Errors.unreadableFile(source, file.name(), e);
      }
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          boolean more;
          try {
            more = records.hasNext();
          } catch (RuntimeException e) {
            throw Errors.unreadableFile(source, file.name(), e);
          }
          if (!more) {
            try {
              in.close();
            } catch (IOException e) {
              throw Errors.unreadableFile(source, file.name(), e);
            }
          }
          return more;
        }

        @Override
        public Row next() {
          RawRecord record = records.next();
          List<Object> values = new ArrayList<>(5 + columns.size());
          values.add(file.name());
          values.add(record.offset());
          values.add(record.raw());
          values.add(record.error());
          values.add(undeclared(record.fields()));
          for (String column : columns) {
            values.add(record.fields().get(column));
          }
          return RowFactory.create(values.toArray());
        }
      };
    }

    /** Fields the contract does not declare (schema drift), kept rather than dropped. */
    private scala.collection.Map<String, String> undeclared(Map<String, String> fields) {
      Map<String, String> extra = null;
      for (Map.Entry<String, String> field : fields.entrySet()) {
        if (!declared.contains(field.getKey())) {
          if (extra == null) {
            extra = new java.util.TreeMap<>();
          }
          extra.put(field.getKey(), field.getValue());
        }
      }
      // Spark's row encoder takes a Scala map for map<string,string>.
      return extra == null ? null : scala.collection.JavaConverters.mapAsScalaMap(extra);
    }
  }
}
