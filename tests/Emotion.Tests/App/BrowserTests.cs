using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Emotion.Tests.App;

public class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Page_UploadRealClip_ShowsPlayerPredictionAndPictures()
    {
        // Given the app on a loopback port and Debian's Chromium, headless
        await using var session = await BrowserSession.OpenAsync();
        var page = session.Page;
        var failedRequests = new List<string>();
        // Media elements cancel partial reads of their blob: URL; only network assets count here.
        page.RequestFailed += (_, request) =>
        {
            if (request.Url.StartsWith("http", StringComparison.Ordinal))
                failedRequests.Add(request.Url);
        };

        // When a real angry clip is chosen
        await page.GotoAsync(session.Address);
        await page.SetInputFilesAsync("#file", Fixtures.Original("03-01-05-02-01-01-02"));
        await page.WaitForSelectorAsync("#result:not([hidden])", new() { Timeout = 30_000 });

        // Then the player holds the clip, the answer and eight bars show, and the model card loads
        Assert.Equal("angry", await page.TextContentAsync("#emotion"));
        Assert.StartsWith("blob:", await page.GetAttributeAsync("#player", "src"));
        Assert.Equal(8, await page.Locator(".bar").CountAsync());
        Assert.True(await page.Locator("#cautions").IsHiddenAsync());
        await page.ClickAsync("#about summary");
        Assert.Contains("New voices", await page.TextContentAsync("#model"));
        Assert.Contains("telephone band", await page.TextContentAsync("#model"));
        Assert.Empty(failedRequests);
        string screenshot = Environment.GetEnvironmentVariable("EMOTION_SCREENSHOT") is { Length: > 0 } target ? target : Path.Combine(AppContext.BaseDirectory, "app.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    [Theory]
    [InlineData("03-01-05-02-01-01-02.flac")]
    [InlineData("03-01-05-02-01-01-02.opus")]
    public async Task Page_UploadFlacOrVoiceMessage_AnswersAndPlaysItBack(string file)
    {
        // Given the app and Chromium
        await using var session = await BrowserSession.OpenAsync();
        var page = session.Page;

        // When a FLAC or Opus copy of the angry clip is chosen
        await page.GotoAsync(session.Address);
        await page.SetInputFilesAsync("#file", Path.Combine(AppContext.BaseDirectory, "Fixtures", "compressed", file));
        await page.WaitForSelectorAsync("#result:not([hidden])", new() { Timeout = 30_000 });

        // Then the answer shows, and the browser's own player reads the file (its length is the clip's)
        Assert.Equal("angry", await page.TextContentAsync("#emotion"));
        double duration = await page.EvalOnSelectorAsync<double>("#player",
            "p => p.readyState >= 1 ? p.duration : new Promise(done => { p.addEventListener('loadedmetadata', () => done(p.duration), { once: true }); p.addEventListener('error', () => done(-1), { once: true }); })");
        Assert.InRange(duration, 3.8, 4.0);
    }

    [Fact]
    public async Task Page_UploadTelephoneCall_SaysTheAnswerIsUnsureAndWhy()
    {
        // Given a real clip as a telephone line delivers it, saved at 8 kHz
        using var directory = Fixtures.TempDirectory();
        var clip = Emotion.Audio.AudioFile.Load(Fixtures.Original("03-01-05-02-01-01-02"));
        var line = new Emotion.Audio.Channels.TelephoneChannel().Apply(clip, 1).Resample(8000);
        string call = Path.Combine(directory.Path, "call.wav");
        TestWav.Write(call, line.Samples, 8000);
        await using var session = await BrowserSession.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(session.Address);

        // When it is chosen
        await page.SetInputFilesAsync("#file", call);
        await page.WaitForSelectorAsync("#result:not([hidden])", new() { Timeout = 30_000 });

        // Then the answer is marked unsure, the reason shows in words, and the caption gives the band
        Assert.StartsWith("unsure", await page.TextContentAsync("#confidence"));
        Assert.True(await page.Locator("#cautions").IsVisibleAsync());
        Assert.Contains("like a telephone line", await page.TextContentAsync("#cautions"));
        Assert.Contains("carries sound up to about 3.", await page.TextContentAsync("#spectrogram-caption"));
    }

    [Fact]
    public async Task Page_UploadTextFile_ShowsTheServersMessage()
    {
        await using var session = await BrowserSession.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(session.Address);

        await page.SetInputFilesAsync("#file", new FilePayload { Name = "notes.wav", MimeType = "audio/wav", Buffer = "not audio"u8.ToArray() });
        await page.WaitForSelectorAsync("#status.error");

        Assert.Contains("notes.wav: not audio", await page.TextContentAsync("#status"));
        Assert.True(await page.Locator("#result").IsHiddenAsync());
    }

    /// <summary>The app on a loopback port (Kestrel) and a page in headless Debian Chromium, disposed together.</summary>
    private sealed class BrowserSession(WebApplicationFactory<Program> factory, IPlaywright playwright, IBrowser browser, IPage page) : IAsyncDisposable
    {
        public IPage Page => page;

        public string Address => factory.ClientOptions.BaseAddress.ToString();

        public static async Task<BrowserSession> OpenAsync()
        {
            if (!File.Exists(Chromium))
                Assert.Skip($"{Chromium} is missing: apt-get install chromium (CI does)");
            var factory = new WebApplicationFactory<Program>();
            factory.UseKestrel(0);
            factory.StartServer();
            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Chromium,
                Headless = true,
                // No network beyond loopback here: keep Chromium from reaching out.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 1400 } });
            return new BrowserSession(factory, playwright, browser, page);
        }

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
            await factory.DisposeAsync();
        }
    }
}
