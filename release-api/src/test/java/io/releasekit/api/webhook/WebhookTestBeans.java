package io.releasekit.api.webhook;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Test stand-ins for the GitHub API and webhook tests only: a run launcher that records. */
@Factory
@Requires(property = "releasekit.test.github", value = "true")
class WebhookTestBeans {

    @Singleton
    @Replaces(RunLauncher.class)
    RecordingRunLauncher runLauncher() {
        return new RecordingRunLauncher();
    }
}
