package io.hwnas.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class HadoopConfigurationsTest {

    @AfterEach
    void forget() {
        HadoopConfigurations.useSparkSettings(Map.of());
    }

    @Test
    void aLaterConfigsSettingsReplaceAnEarlierOnesSoNoEndpointOrKeyCarriesOver() {
        HadoopConfigurations.useSparkSettings(Map.of("fs.s3a.endpoint", "http://first:9000",
                "fs.s3a.secret.key", "first-secret"));
        Configuration first = HadoopConfigurations.create();
        assertEquals("http://first:9000", first.get("fs.s3a.endpoint"));
        assertEquals("first-secret", first.get("fs.s3a.secret.key"));

        HadoopConfigurations.useSparkSettings(Map.of("fs.s3a.endpoint", "http://second:9000"));
        Configuration second = HadoopConfigurations.create();
        assertEquals("http://second:9000", second.get("fs.s3a.endpoint"));
        assertNull(second.get("fs.s3a.secret.key"), "the first config's key leaked into the second");
        assertEquals("first-secret", first.get("fs.s3a.secret.key"), "a configuration already made is its own copy");
    }
}
