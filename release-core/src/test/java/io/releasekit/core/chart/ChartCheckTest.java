package io.releasekit.core.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.image.ImagePin;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartCheckTest {

    static Path fixtures() {
        try {
            return Path.of(ChartCheckTest.class.getResource("/charts").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void classifiesEveryImageOfAnUmbrellaChartWithFileAndPath() {
        ChartReport r = ChartCheck.defaults().check(ChartSource.directory(fixtures()), "aether");

        assertThat(r.charts())
                .containsExactly(
                        "aether-roc-umbrella@2.1.3 (aether)",
                        "sd-core@0.12.8 (aether/charts/sd-core)",
                        "omec-control-plane@0.11.2-dev (aether/charts/omec-control-plane)");
        assertThat(r.images())
                .extracting(u -> u.file() + " " + u.path() + " " + u.pin())
                .containsExactly(
                        "aether/values.yaml webui.image SEMVER",
                        "aether/values.yaml roc-api.image SEMVER",
                        "aether/values.yaml config4g.image OTHER",
                        "aether/values.yaml metrics.image MOVING",
                        "aether/values-prod.yaml webui.image DIGEST",
                        "aether/charts/sd-core/values.yaml images.tags.init OTHER",
                        "aether/charts/sd-core/values.yaml images.tags.amf OTHER",
                        "aether/charts/sd-core/values.yaml images.tags.smf SEMVER",
                        "aether/charts/sd-core/values.yaml images.tags.nrf DIGEST",
                        "aether/charts/sd-core/values.yaml upf.image SEMVER",
                        "aether/charts/omec-control-plane/values.yaml images.tags.hss MOVING");
        assertThat(r.images())
                .filteredOn(u -> u.path().equals("upf.image"))
                .singleElement()
                .satisfies(u -> {
                    assertThat(u.tagFromAppVersion()).isTrue();
                    assertThat(u.written()).isEqualTo("omecproject/upf-epc-bess:1.3.0");
                });
        assertThat(r.images())
                .filteredOn(u -> u.path().equals("webui.image"))
                .first()
                .satisfies(u -> {
                    assertThat(u.written()).isEqualTo("registry.aetherproject.org/omecproject/webui:1.4.1");
                    assertThat(u.line()).isEqualTo(13);
                });
    }

    @Test
    void findsDevChartVersionsNonSemVerAppVersionsAndUnpinnedImages() {
        ChartReport r = ChartCheck.defaults().check(ChartSource.directory(fixtures()), "aether");

        assertThat(r.ok()).isFalse();
        assertThat(r.findings())
                .extracting(f -> f.kind() + " " + f.file() + ":" + f.line() + " " + f.value())
                .containsExactly(
                        "IMAGE aether/values.yaml:22 docker.io/omecproject/config4g:master-latest",
                        "IMAGE aether/values.yaml:27 prom/prometheus:latest",
                        "IMAGE aether/charts/sd-core/values.yaml:5 omecproject/pod-init:rel-1.1.2",
                        "IMAGE aether/charts/sd-core/values.yaml:6 omecproject/5gc-amf:rel-1.6.3",
                        "CHART_VERSION aether/charts/omec-control-plane/Chart.yaml:3 0.11.2-dev",
                        "APP_VERSION aether/charts/omec-control-plane/Chart.yaml:4 rel-1.1",
                        "IMAGE aether/charts/omec-control-plane/values.yaml:3 omecproject/c3po-hss:stable");
        assertThat(r.findings().get(1).message()).contains("'latest' is a moving target");
        assertThat(r.findings().get(4).message()).contains("never carry -dev");
    }

    @Test
    void aChartWithOnlyPinnedImagesPasses(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: a\nversion: 1.0.0\n");
        java.nio.file.Files.writeString(dir.resolve("values.yaml"), "image:\n  repository: a/b\n  tag: 1.2.3\n");

        ChartReport r = ChartCheck.defaults().check(ChartSource.directory(dir), ".");

        assertThat(r.ok()).isTrue();
        assertThat(r.images()).singleElement().extracting(ImageUse::pin).isEqualTo(ImagePin.SEMVER);
    }

    @Test
    void aMapImageWithoutTagOrAppVersionIsMoving() {
        assertThat(ChartCheck.images("v.yaml", "image:\n  repository: a/b\n", Optional.empty(), Set.of()))
                .singleElement()
                .extracting(ImageUse::pin)
                .isEqualTo(ImagePin.MOVING);
    }

    @Test
    void refusesADirectoryWithoutChartAndPathsLeavingTheRoot() {
        assertThatThrownBy(() -> ChartCheck.defaults().check(ChartSource.directory(fixtures()), "nothing"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no Chart.yaml in chart directory 'nothing'");
        assertThatThrownBy(() -> ChartCheck.defaults().check(ChartSource.directory(fixtures()), "../x"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("leaves the chart root");
    }

    @Test
    void reportsInvalidYamlWithTheFile() {
        assertThatThrownBy(() -> ChartCheck.images("values.yaml", "a: [1,\n", Optional.empty(), Set.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'values.yaml' is not valid YAML");
    }
}
