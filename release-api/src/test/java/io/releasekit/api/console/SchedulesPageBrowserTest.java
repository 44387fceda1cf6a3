package io.releasekit.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import io.releasekit.api.run.RunsHttp;
import io.releasekit.api.testkit.Browser;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The release calendar in a real browser: a release manager sees the weekly train with its next fire time in Prague
 * time, pauses it and resumes it; a reader sees the calendar without the buttons. The page's screenshot goes to {@code
 * docs/console/schedules.png}.
 */
@MicronautTest(transactional = false)
class SchedulesPageBrowserTest {

    @Inject
    EmbeddedServer server;

    @TempDir
    Path profile;

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void open() {
        browser = Browser.start(profile);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aReleaseManagerPausesAndResumesTheWeeklyTrainAndAReaderOnlySeesIt() throws IOException {
        RunsHttp.Response created = new RunsHttp(server.getURI())
                .post(
                        "/api/v1/schedules",
                        TestTokens.RELEASE_MANAGER_1,
                        RunsHttp.json(Map.of(
                                "name", "weekly-train",
                                "cron", "0 10 * * TUE",
                                "zone", "Europe/Prague",
                                "kind", "test.counting",
                                "exceptions", java.util.List.of("--12-24"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        logIn(TestTokens.RELEASE_MANAGER_1);
        browser.get(url("/console/schedules"));
        assertThat(text(By.id("next-weekly-train"))).startsWith("Tue ").contains(" 10:00 ");
        screenshot("schedules");

        click(By.id("pause-weekly-train"));
        assertThat(text(By.id("notice"))).isEqualTo("weekly-train paused");
        assertThat(text(By.id("paused-weekly-train"))).isEqualTo("PAUSED");
        click(By.id("resume-weekly-train"));
        assertThat(text(By.id("notice"))).isEqualTo("weekly-train resumed");
        assertThat(text(By.id("next-weekly-train"))).startsWith("Tue ");

        click(By.id("logout"));
        wait.until(ExpectedConditions.urlContains("/console/login"));
        logIn(TestTokens.READER);
        browser.get(url("/console/schedules"));
        assertThat(text(By.id("schedule-weekly-train"))).contains("weekly-train", "0 10 * * TUE", "Europe/Prague");
        assertThat(browser.findElements(By.id("pause-weekly-train"))).isEmpty();
    }

    private void logIn(String token) {
        browser.get(url("/console/login"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("token"))).sendKeys(token);
        click(By.id("login"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user")));
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private String text(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
    }

    private String url(String path) {
        return server.getURI().resolve(path).toString();
    }

    private void screenshot(String name) throws IOException {
        Path dir = Path.of("..", "docs", "console");
        Files.createDirectories(dir);
        Files.copy(
                browser.getScreenshotAs(OutputType.FILE).toPath(),
                dir.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
