package io.releasekit.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import io.releasekit.api.run.ConsoleTestHooks;
import io.releasekit.api.run.RunsHttp;
import io.releasekit.api.testkit.Browser;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless Chromium): a release manager logs in, dry-runs a run and watches
 * it finish live, requests a break-glass run that two other release managers approve (the requester's own approval
 * refused on the page), and an admin forces a breaker open and sees the preflight turn NO-GO. Each page's screenshot
 * goes to {@code docs/console/}, shown in docs/console.md.
 */
@MicronautTest(transactional = false)
class ConsoleBrowserTest {

    static final Path SCREENSHOTS = Path.of("..", "docs", "console");

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
    void aReleaseManagersDayInTheConsole() throws Exception {
        // a browser at the root is led to the login page, not answered 401
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
        screenshot("login");
        logIn("not-a-token");
        assertThat(text(By.cssSelector(".error"))).contains("not accepted");
        logIn(TestTokens.RELEASE_MANAGER_1);
        assertThat(text(By.id("user"))).isEqualTo(TestTokens.RELEASE_MANAGER_1_NAME);

        // a dry run from the form generated from the kind's parameters: it reads only, so it ends at once with its plan
        browser.get(url("/console/start?kind=test.blocking"));
        find(By.id("p.gate")).sendKeys("console-dry-run");
        screenshot("start");
        find(By.id("dry-run")).click();
        wait.until(ExpectedConditions.urlMatches("/console/runs/[0-9a-f-]{36}"));
        String dryRun = text(By.id("run-id"));
        wait.until(ExpectedConditions.textToBe(By.id("run-state"), "SUCCEEDED"));
        assertThat(text(By.id("plan"))).contains("before: write before", "block: write block", "after: write after");

        // the same kind for real, watched live while its middle step waits at its gate
        browser.get(url("/console/start?kind=test.blocking"));
        find(By.id("p.gate")).sendKeys("console-live");
        find(By.id("start")).click();
        wait.until(ExpectedConditions.urlMatches("/console/runs/[0-9a-f-]{36}"));
        assertThat(ConsoleTestHooks.awaitGate("console-live", Duration.ofSeconds(20)))
                .isTrue();
        wait.until(ExpectedConditions.textToBe(By.id("run-state"), "RUNNING"));
        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true");
        ConsoleTestHooks.openGate("console-live");
        wait.until(ExpectedConditions.textToBe(By.id("run-state"), "SUCCEEDED"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage"))
                .as("the page updated itself over the event stream, without a reload")
                .isEqualTo(true);
        assertThat(browser.findElements(By.cssSelector("#timeline rect"))).hasSize(3);
        screenshot("run");

        // a break-glass run: its requester may not approve it; two other release managers do
        browser.get(url("/console/start?kind=test.approval"));
        find(By.id("start")).click();
        wait.until(ExpectedConditions.urlMatches("/console/runs/[0-9a-f-]{36}"));
        String guarded = text(By.id("run-id"));
        assertThat(text(By.id("run-state"))).isEqualTo("AWAITING_APPROVAL");
        browser.get(url("/console/approvals"));
        assertThat(text(By.id("approval-" + guarded))).contains("0 of 2 approvals", "the policy refuses your own");
        find(By.id("approve-" + guarded)).click();
        assertThat(text(By.id("error"))).contains("may not approve");
        assertThat(text(By.id("approval-" + guarded))).contains("0 of 2 approvals");
        screenshot("approvals");
        logOut();

        logIn(TestTokens.RELEASE_MANAGER_2);
        browser.get(url("/console/approvals"));
        find(By.id("comment-" + guarded)).sendKeys("artifacts checked");
        find(By.id("approve-" + guarded)).click();
        assertThat(text(By.id("notice"))).contains("approved: now AWAITING_APPROVAL");
        assertThat(text(By.id("approval-" + guarded)))
                .contains("1 of 2 approvals", TestTokens.RELEASE_MANAGER_2_NAME + " (artifacts checked)")
                .contains("You approved this run.");
        logOut();

        logIn(TestTokens.ADMIN);
        browser.get(url("/console/approvals"));
        find(By.id("approve-" + guarded)).click();
        assertThat(text(By.id("notice"))).contains("approved: now QUEUED");
        browser.get(url("/console/runs/" + guarded));
        wait.until(ExpectedConditions.textToBe(By.id("run-state"), "SUCCEEDED"));

        // an outage declared by an admin: the breaker is forced open and the preflight of a run needing it is NO-GO
        browser.get(url("/console/services"));
        assertThat(text(By.id("preflight-test.deferrable"))).contains("GO");
        find(By.id("force-service")).sendKeys(ConsoleTestHooks.STRICT_SERVICE);
        find(By.id("force-open")).click();
        assertThat(text(By.id("notice"))).contains(ConsoleTestHooks.STRICT_SERVICE + " forced open");
        assertThat(text(By.id("service-" + ConsoleTestHooks.STRICT_SERVICE))).contains("FORCED_OPEN");
        assertThat(text(By.id("preflight-test.deferrable"))).contains("NO-GO", ConsoleTestHooks.STRICT_SERVICE);
        screenshot("services");
        find(By.id("reset-" + ConsoleTestHooks.STRICT_SERVICE)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("service-" + ConsoleTestHooks.STRICT_SERVICE), "CLOSED"));

        // the runs, filtered by kind and requester
        browser.get(url("/console"));
        new Select(find(By.id("filter-kind"))).selectByValue("test.approval");
        find(By.id("filter-requester")).sendKeys(TestTokens.RELEASE_MANAGER_1_NAME);
        find(By.id("filter")).click();
        wait.until(ExpectedConditions.urlContains("kind=test.approval"));
        assertThat(text(By.id("runs"))).contains("test.approval", "SUCCEEDED").doesNotContain("test.blocking");
        browser.get(url("/console?requester=" + TestTokens.RELEASE_MANAGER_1_NAME));
        assertThat(text(By.id("runs"))).contains("test.blocking", "test.approval");
        screenshot("runs");
        assertThat(dryRun).isNotEqualTo(guarded);
    }

    @Test
    void aReaderSeesButCannotAct() {
        browser.get(url("/console/login"));
        logIn(TestTokens.READER);
        browser.get(url("/console/start?kind=test.counting"));
        assertThat(text(By.id("start-form"))).contains("may read this form but not start runs");
        assertThat(browser.findElements(By.id("start"))).isEmpty();
        browser.get(url("/console/services"));
        assertThat(browser.findElements(By.id("force-open"))).isEmpty();
        assertThat(text(By.id("preflights"))).contains("test.counting");
    }

    @Test
    void aReleaseManagerPausesAndResumesTheWeeklyTrainOnTheCalendarAndAReaderOnlySeesIt() throws Exception {
        RunsHttp.Response created = new RunsHttp(server.getURI())
                .post(
                        "/api/v1/schedules",
                        TestTokens.RELEASE_MANAGER_1,
                        RunsHttp.json(Map.of(
                                "name", "weekly-train",
                                "cron", "0 10 * * TUE",
                                "zone", "Europe/Prague",
                                "kind", "test.counting",
                                "exceptions", List.of("--12-24"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        logIn(TestTokens.RELEASE_MANAGER_1);
        browser.get(url("/console/schedules"));
        assertThat(text(By.id("next-weekly-train"))).startsWith("Tue ").contains(" 10:00 ");
        screenshot("schedules");

        find(By.id("pause-weekly-train")).click();
        assertThat(text(By.id("notice"))).isEqualTo("weekly-train paused");
        assertThat(text(By.id("paused-weekly-train"))).isEqualTo("PAUSED");
        find(By.id("resume-weekly-train")).click();
        assertThat(text(By.id("notice"))).isEqualTo("weekly-train resumed");
        assertThat(text(By.id("next-weekly-train"))).startsWith("Tue ");

        logOut();
        logIn(TestTokens.READER);
        browser.get(url("/console/schedules"));
        assertThat(text(By.id("schedule-weekly-train"))).contains("weekly-train", "0 10 * * TUE", "Europe/Prague");
        assertThat(browser.findElements(By.id("pause-weekly-train"))).isEmpty();
    }

    private void logIn(String token) {
        if (!browser.getCurrentUrl().contains("/console/login")) {
            browser.get(url("/console/login"));
        }
        WebElement field = find(By.id("token"));
        field.sendKeys(token);
        find(By.id("login")).click();
        // the next navigation must not race the login's answer (its cookie)
        wait.until(ExpectedConditions.or(
                ExpectedConditions.urlContains("error=invalid"),
                ExpectedConditions.presenceOfElementLocated(By.id("user"))));
    }

    /** An element once it can be clicked (the page may still be loading). */
    private WebElement find(By by) {
        return wait.until(ExpectedConditions.elementToBeClickable(by));
    }

    private void logOut() {
        find(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/console/login"));
    }

    private String text(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
    }

    private String url(String path) {
        return server.getURI().resolve(path).toString();
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
