package dev.monoscale.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.monoscale.a2a.A2aServer;
import dev.monoscale.a2a.BearerToken;
import dev.monoscale.app.Main;
import dev.monoscale.app.RoutedPoolBackend;
import dev.monoscale.app.Stores;
import dev.monoscale.core.Pool;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import dev.monoscale.testing.TestData;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven by
 * Selenium with the system driver, so Selenium Manager never runs): what the page shows after its scripts ran,
 * over a memory onboarded to stage 2. Screenshots go to {@code target/dashboard/}. Skipped when the driver is not
 * installed ({@code .ci/run} installs it).
 */
class DashboardBrowserTest {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = "dashboard-token";

    @TempDir
    static Path dir;

    private static MemoryStore store;
    private static A2aServer server;
    private static WebDriver driver;
    private static Path bench;
    private static Path replay;

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }

    @BeforeAll
    static void serveAndOpenABrowser() {
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "chromium-driver is not installed");
        Path db = dir.resolve("memory.db");
        // a short warm-up under the legacy rule, which accepts on it, so that v2 adds entries for the diff to show (the
        // confirm rule, the default, keeps the lift on 20 tasks here)
        run(
                "onboard",
                "--world",
                "paper-noisy",
                "--stage",
                "2",
                "--db",
                db.toString(),
                "--warmup-tasks",
                "20",
                "--gate",
                "legacy");
        bench = dir.resolve("expansion.json");
        run(
                "bench",
                "expansion",
                "--world",
                "paper-noisy",
                "--seeds",
                "1",
                "--tasks",
                "40",
                "--warmup-tasks",
                "10",
                "--format",
                "json",
                "--out",
                bench.toString());
        replay = dir.resolve("replay.json");
        run(
                "bench",
                "replay",
                "--dataset",
                TestData.fixture("own-data").toString(),
                "--cards",
                TestData.fixture("own-data-cards").toString(),
                "--cost-weight",
                "50",
                "--warmup-tasks",
                "20",
                "--format",
                "json",
                "--out",
                replay.toString());
        SimWorld sim = SimWorld.create(WorldSpecs.load("paper-noisy"), 1);
        Pool pool = sim.stages().get(2).pool();
        store = Stores.open(db);
        LiveRouter router = new LiveRouter(
                MemoryHead.fixed(store.head().orElseThrow()),
                memory ->
                        MemoryRouter.of(pool, memory, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults()));
        ServiceApi api = new ServiceApi(router, store, "sqlite " + db, InstantSource.system());
        server = A2aServer.builder(new RoutedPoolBackend("Office", pool, router, sim::worker))
                .token(BearerToken.of(TOKEN))
                .open(ServiceApi::open)
                .open(Dashboard::open)
                .configure(api::register)
                .configure(Dashboard::register)
                .start();

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1200,1900");
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
            store.close();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    private static void screenshot(String name) throws Exception {
        Path target = Path.of("target", "dashboard", name);
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void showsTheTimelineWithVerdictsADiffARouteAndTheAccuracyChart() throws Exception {
        List<RoutingMemory> history = store.history().reversed();
        driver.get(server.url() + "/?token=" + TOKEN);

        waiting()
                .until(ExpectedConditions.attributeToBe(
                        By.id("timeline"), "data-loaded", Integer.toString(history.size())));
        List<WebElement> rows = driver.findElements(By.cssSelector("#timeline tbody tr"));
        assertThat(driver.getCurrentUrl()).doesNotContain("token");
        assertThat(rows).hasSize(3);
        for (int i = 0; i < rows.size(); i++) {
            List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
            assertThat(cells.get(0).getText())
                    .isEqualTo(history.get(i).version().toString());
            assertThat(cells.get(1).getText())
                    .isEqualTo(history.get(i).gate().outcome().name().toLowerCase(java.util.Locale.ROOT));
        }

        driver.findElement(By.id("diff-show")).click();
        waiting()
                .until(ExpectedConditions.textMatches(
                        By.id("diff-summary"), java.util.regex.Pattern.compile("^v1 → v2: ")));
        assertThat(driver.findElements(By.cssSelector("#diff tbody tr"))).isNotEmpty();
        assertThat(driver.findElement(By.cssSelector("#diff tbody")).getText()).contains("passed; traces warmup-");

        // the evidence of the newest round (v2) is shown without a click: per new worker, its patterns with intervals
        waiting().until(ExpectedConditions.attributeToBe(By.id("evidence"), "data-loaded", "v2"));
        assertThat(driver.findElement(By.id("evidence-summary")).getText())
                .startsWith("v2 (")
                .contains("2 new workers");
        List<String> workers = driver.findElements(By.cssSelector("#evidence h3")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(workers)
                .containsExactlyElementsOf(history.getFirst().gate().onboarded().stream()
                        .map(Object::toString)
                        .toList());
        List<WebElement> probed = driver.findElements(By.cssSelector("#evidence table.evidence tbody tr"));
        assertThat(probed).hasSize(history.getFirst().probes().size()).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#evidence svg.interval")))
                .hasSize(probed.size());
        assertThat(probed.getFirst().getText()).containsPattern("\\d+/\\d+");
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("document.getElementById('evidence').scrollIntoView();");
        screenshot("dashboard-evidence.png");

        driver.findElement(By.id("route-task"))
                .sendKeys("Look at the attached image of a bar chart and read the values of the blue bars");
        driver.findElement(By.id("route-go")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("route-summary"), "routed with memory v2"));
        assertThat(driver.findElements(By.cssSelector("#route tbody tr"))).hasSize(1);

        driver.findElement(By.id("bench-file")).sendKeys(bench.toAbsolutePath().toString());
        waiting()
                .until(ExpectedConditions.textMatches(
                        By.id("chart-status"), java.util.regex.Pattern.compile("^charted \\d+ methods")));
        assertThat(driver.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
        screenshot("dashboard.png");

        // a bench replay report with a cost weight: accuracy and reward per stage
        driver.findElement(By.id("bench-file")).sendKeys(replay.toAbsolutePath().toString());
        waiting()
                .until(ExpectedConditions.textMatches(
                        By.id("chart-status"), java.util.regex.Pattern.compile("accuracy and reward$")));
        assertThat(driver.findElement(By.id("chart-status")).getText()).startsWith("charted 11 methods over 3 stages");
        assertThat(driver.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#chart-reward canvas"))).isNotEmpty();
        assertThat(driver.findElement(By.id("chart")).getText())
                .contains("own-data: accuracy per stage", "oracle-reward");
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("document.getElementById('route-task').scrollIntoView();");
        screenshot("dashboard-route-and-chart.png");
    }

    @Test
    void withoutTheTokenThePageSaysWhatIsMissing() throws Exception {
        driver.get(server.url() + "/");
        driver.manage().deleteAllCookies();
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("sessionStorage.clear(); location.reload();");

        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "Authorization"));
        screenshot("dashboard-no-token.png");
        assertThat(new File("target/dashboard/dashboard-no-token.png")).exists();
    }
}
