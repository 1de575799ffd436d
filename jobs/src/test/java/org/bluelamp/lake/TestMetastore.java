package org.bluelamp.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.bluelamp.BluelampException;
import org.junit.jupiter.api.Test;

class TestMetastore {
  @Test
  void withoutTheVariableEachEngineKeepsItsOwnCatalog() {
    assertThat(Metastore.fromEnvironment(Map.of())).isEmpty();
    assertThat(Metastore.fromEnvironment(Map.of(Metastore.URI, " "))).isEmpty();
  }

  @Test
  void sparkAndTrinoAreBothPointedAtTheOneMetastore() {
    Metastore metastore =
        Metastore.fromEnvironment(Map.of(Metastore.URI, "thrift://hms.bluelamp:9083")).get();
    assertThat(metastore.sparkSettings())
        .containsEntry("spark.sql.catalogImplementation", "hive")
        .containsEntry("spark.hadoop.hive.metastore.uris", "thrift://hms.bluelamp:9083");
    assertThat(metastore.trinoCatalog())
        .containsEntry("hive.metastore", "thrift")
        .containsEntry("hive.metastore.uri", "thrift://hms.bluelamp:9083");
  }

  @Test
  void anAddressThatIsNotThriftHostPortIsRefusedNamingTheVariable() {
    for (String wrong : new String[] {"hms:9083", "thrift://hms", "http://hms:9083/x"}) {
      assertThatThrownBy(() -> Metastore.fromEnvironment(Map.of(Metastore.URI, wrong)))
          .isInstanceOf(BluelampException.class)
          .hasMessageContaining(Metastore.URI + "=" + wrong)
          .hasMessageContaining("thrift://HOST:PORT");
    }
  }
}
