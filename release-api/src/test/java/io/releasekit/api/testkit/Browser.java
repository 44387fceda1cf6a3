package io.releasekit.api.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through chromium-driver (no browser download: both come from Debian packages,
 * which {@code scripts/test.sh} installs). Without them, a browser test fails when a browser is required ({@code
 * CI=true} or {@code -Dreleasekit.requireBrowser=true}) and is skipped otherwise.
 */
public final class Browser {

    static final Path CHROMIUM = Path.of(System.getProperty("releasekit.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("releasekit.chromedriver", "/usr/bin/chromedriver"));

    private Browser() {}

    /** Whether a missing browser fails the build rather than skipping its tests. */
    public static boolean required() {
        return Boolean.getBoolean("releasekit.requireBrowser") || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** A fresh headless Chromium with its own profile directory; fails or skips when there is none. */
    public static ChromeDriver start(Path profile) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String how = "no " + (Files.isExecutable(CHROMIUM) ? DRIVER : CHROMIUM)
                    + ": apt-get install -y chromium chromium-driver (scripts/test.sh does)";
            if (required()) {
                throw new IllegalStateException(how + ". A browser is required here (CI=true or"
                        + " releasekit.requireBrowser=true), so this is a failure, not a skip.");
            }
            Assumptions.abort(how + "; skipped because a browser is not required (CI is not set)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1366,1100",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
