package io.releasekit.core.artifact.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromotionPipelineTest {

    final PromotionPipeline pipeline = new PromotionPipeline(
            "cfn-registry",
            List.of(
                    new Stage("alpha", "alpha", "awscommunity/{build}/"),
                    new Stage("beta", "beta", "awscommunity"),
                    new Stage("prod", "prod", "")));
    final GateLedger ledger = new InMemoryGateLedger();

    @Test
    void refusesSkippingAStage() {
        record(GateStatus.PASSED, "alpha");

        assertThatThrownBy(() -> pipeline.check("release-0.1.2", "alpha", Optional.of("prod"), ledger))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("stages cannot be skipped")
                .hasMessageContaining("the next stage after alpha is beta");
    }

    @Test
    void refusesGoingBackOrBeyondTheLastStage() {
        assertThatThrownBy(() -> pipeline.check("b1", "beta", Optional.of("alpha"), ledger))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("promotion goes forward");
        assertThatThrownBy(() -> pipeline.check("b1", "prod", Optional.empty(), ledger))
                .hasMessageContaining("last stage");
        assertThatThrownBy(() -> pipeline.check("b1", "gamma", Optional.empty(), ledger))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("[alpha, beta, prod]");
    }

    @Test
    void refusesWithoutAGateResultOrWithAFailedOne() {
        assertThatThrownBy(() -> pipeline.check("release-0.1.2", "alpha", Optional.empty(), ledger))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("no gate result at stage alpha");

        record(GateStatus.PASSED, "alpha");
        record(GateStatus.FAILED, "alpha");

        assertThatThrownBy(() -> pipeline.check("release-0.1.2", "alpha", Optional.empty(), ledger))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("failed the gate at stage alpha")
                .hasMessageContaining("https://ci.example.org/runs/1");
    }

    @Test
    void allowsTheNextStageOnceTheGatePassed() {
        record(GateStatus.FAILED, "alpha");
        record(GateStatus.PASSED, "alpha");

        PromotionPipeline.PromotionStep step = pipeline.check("release-0.1.2", "alpha", Optional.of("beta"), ledger);

        assertThat(step.to().name()).isEqualTo("beta");
        assertThat(step.from().prefixFor("release-0.1.2")).isEqualTo("awscommunity/release-0.1.2/");
        assertThat(step.to().prefixFor("release-0.1.2")).isEqualTo("awscommunity/release-0.1.2/");
        assertThat(pipeline.stage("prod").prefixFor("release-0.1.2")).isEqualTo("release-0.1.2/");
        assertThat(ledger.history("release-0.1.2")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../x", "a/b", "-lead", "has space"})
    void refusesBadBuildIds(String bad) {
        assertThatThrownBy(() -> new GateResult(bad, "alpha", GateStatus.PASSED, "ci", Instant.now(), Optional.empty()))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesADetailsUrlThatIsNotHttp() {
        assertThatThrownBy(() -> new GateResult(
                        "b1", "alpha", GateStatus.PASSED, "ci", Instant.now(), Optional.of("file:///etc/passwd")))
                .hasMessageContaining("not an http(s) URL");
    }

    @Test
    void refusesPipelinesWithDuplicateOrTooFewStages() {
        assertThatThrownBy(() -> new PromotionPipeline("p", List.of(new Stage("a", "s", ""))))
                .hasMessageContaining("at least two");
        assertThatThrownBy(() -> new PromotionPipeline("p", List.of(new Stage("a", "s", ""), new Stage("a", "t", ""))))
                .hasMessageContaining("twice");
    }

    private void record(GateStatus status, String stage) {
        ledger.record(new GateResult(
                "release-0.1.2", stage, status, "ci-bot", Instant.now(), Optional.of("https://ci.example.org/runs/1")));
    }
}
