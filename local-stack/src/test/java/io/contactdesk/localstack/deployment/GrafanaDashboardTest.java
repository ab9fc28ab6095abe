package io.contactdesk.localstack.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The provisioned dashboard must load in Grafana and show what operators watch. */
class GrafanaDashboardTest {

    private static JsonNode dashboard() throws IOException {
        return Json.mapper().readTree(ComposeFileTest.ROOT.resolve("deploy/grafana/dashboards/contactdesk.json").toFile());
    }

    @Test
    void theDashboardShowsLagThroughputErrorsCreditsAndPoolUsage() throws IOException {
        List<String> titles = new ArrayList<>();
        dashboard().path("panels").forEach(panel -> titles.add(panel.path("title").asText()));

        assertThat(titles).contains("Consumer lag per group", "Throughput (per second)", "Errors", "Credits",
                "Database pool (db-writer)");
    }

    @Test
    void everyPanelQueriesTheProvisionedPrometheusDatasource() throws IOException {
        Map<String, Object> datasources = ComposeFileTest.yaml(
                ComposeFileTest.ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"));
        String uid = String.valueOf(ComposeFileTest.list(datasources.get("datasources")).get(0).get("uid"));

        for (JsonNode panel : dashboard().path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(uid);
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            panel.path("targets").forEach(target -> assertThat(target.path("expr").asText()).isNotBlank());
        }
    }

    @Test
    void panelsDoNotOverlap() throws IOException {
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            JsonNode g = panel.path("gridPos");
            int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
            for (int[] other : boxes) {
                boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                assertThat(overlap).as(panel.path("title").asText()).isFalse();
            }
            boxes.add(box);
        }
    }

    @Test
    void theDashboardProviderPointsWhereComposeMountsTheDashboards() {
        Map<String, Object> providers = ComposeFileTest.yaml(
                ComposeFileTest.ROOT.resolve("deploy/grafana/provisioning/dashboards/contactdesk.yml"));
        Map<String, Object> options = ComposeFileTest.map(ComposeFileTest.list(providers.get("providers")).get(0).get("options"));
        List<Object> volumes = (List<Object>) ComposeFileTest.map(ComposeFileTest.map(ComposeFileTest.yaml(
                ComposeFileTest.ROOT.resolve("docker-compose.yml")).get("services")).get("grafana")).get("volumes");

        assertThat(volumes).contains("./deploy/grafana/dashboards:" + options.get("path") + ":ro");
    }

    /** A panel on a metric nobody registers stays empty for ever: every contactdesk metric it queries must exist. */
    @Test
    void everyContactdeskMetricTheDashboardQueriesIsRegisteredBySomeService() throws IOException {
        String sources;
        try (var files = Files.walk(ComposeFileTest.ROOT)) {
            sources = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
                    .map(ComposeFileTest::readString).reduce("", String::concat);
        }
        Matcher metric = Pattern.compile("contactdesk_[a-z_]+")
                .matcher(dashboard().toString());
        while (metric.find()) {
            String meter = metric.group().replaceAll("_(total|records|seconds|count|sum|max)$", "").replace('_', '.');
            assertThat(sources).as(metric.group()).contains("\"" + meter + "\"");
        }
    }
}
