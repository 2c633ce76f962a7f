using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Emotion.App;
using Emotion.Audio;
using Emotion.Bundle;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Emotion.Tests.App;

public class ApiTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Health_Running_ReportsTheBundledModelAndEightLabels()
    {
        var health = await factory.CreateClient().GetFromJsonAsync<HealthResponse>("/api/health", TestContext.Current.CancellationToken);

        var bundled = Emotion.Bundle.ModelBundle.Load(Path.Combine(Fixtures.RepositoryRoot, Emotion.Bundle.ModelBundle.DefaultRelativePath));
        Assert.Equal("ok", health!.Status);
        Assert.Equal(bundled.Card.Model.Describe(), health.Model);
        Assert.Equal(8, health.Labels.Count);
    }

    [Fact]
    public async Task Model_Running_ServesCardWithBothEvaluations()
    {
        using var card = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/api/model", TestContext.Current.CancellationToken));

        Assert.InRange(card.RootElement.GetProperty("speakerIndependent").GetProperty("unweightedAverageRecall").GetDouble(), 0.3, 1);
        Assert.InRange(card.RootElement.GetProperty("referenceProtocol").GetProperty("accuracy").GetDouble(), 0.3, 1);
        Assert.Equal(ModelBundle.CurrentFormatVersion, card.RootElement.GetProperty("formatVersion").GetInt32());
    }

    [Theory]
    [InlineData("03-01-05-02-01-01-02.wav")]
    [InlineData("03-01-05-02-01-01-02.flac")]
    [InlineData("03-01-05-02-01-01-02.mp3")]
    [InlineData("03-01-05-02-01-01-02.ogg")]
    [InlineData("03-01-05-02-01-01-02.opus")]
    public async Task Predict_RealAngryClip_AnswersAngryWithEverythingToDraw(string file)
    {
        // Given an angry RAVDESS clip as WAV, FLAC, MP3, Ogg Vorbis or a voice message (Ogg Opus)
        string path = file.EndsWith(".wav", StringComparison.Ordinal) ? Fixtures.Original("03-01-05-02-01-01-02") : Path.Combine(AppContext.BaseDirectory, "Fixtures", "compressed", file);

        // When
        var response = await Upload(factory.CreateClient(), File.ReadAllBytes(path), file);

        // Then
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var prediction = (await response.Content.ReadFromJsonAsync<PredictResponse>(Json, TestContext.Current.CancellationToken))!;
        Assert.Equal("angry", prediction.Emotion);
        Assert.Equal(1, prediction.Probabilities.Values.Sum(), 2);
        Assert.InRange(prediction.Duration, 3.8, 4.0);
        Assert.Empty(prediction.Timeline);
        Assert.Equal(600, prediction.Waveform.Count);
        Assert.Equal(128, prediction.Spectrogram.Bands);
        Assert.Equal(prediction.Spectrogram.Frames * 128, Convert.FromBase64String(prediction.Spectrogram.Data).Length);
    }

    [Fact]
    public async Task Predict_OverdrivenClip_NamesTheClippingAmongTheCautions()
    {
        // Given a real clip raised 20 dB into clipping
        var clip = AudioFile.Load(Fixtures.Original("03-01-05-02-01-01-02"));
        var wav = TestWav.Build([[.. clip.Samples.Select(s => Math.Clamp(10 * s, -1f, 1f))]], clip.SampleRate, TestWav.Encoding.Pcm16);

        // When
        var prediction = (await (await Upload(factory.CreateClient(), wav, "loud.wav")).Content.ReadFromJsonAsync<PredictResponse>(Json, TestContext.Current.CancellationToken))!;

        // Then the answer is unsure, and says why under the kind the page and clients read
        Assert.True(prediction.Unsure);
        Assert.Contains(prediction.Cautions, c => c.Kind == "clipped" && c.Message.Contains("full scale"));
    }

    [Fact]
    public async Task Predict_LongClip_AddsTimelineOverTheWholeClip()
    {
        // Given four RAVDESS clips back to back (about 15 s)
        var clips = Fixtures.OriginalNames.Take(4).Select(n => AudioFile.Load(Fixtures.Original(n)).Samples).ToArray();
        var wav = TestWav.Build([[.. clips.SelectMany(c => c)]], 22050, TestWav.Encoding.Pcm16);

        // When
        var prediction = (await (await Upload(factory.CreateClient(), wav, "long.wav")).Content.ReadFromJsonAsync<PredictResponse>(Json, TestContext.Current.CancellationToken))!;

        // Then 3 s windows every 1.5 s cover what the model analysed: the clip less the silence around it
        var analysed = prediction.Spectrogram;
        Assert.True(prediction.Duration > 14, $"duration {prediction.Duration}");
        Assert.InRange(analysed.End - analysed.Start, 11, prediction.Duration);
        int windows = (int)((analysed.End - analysed.Start - 3) / 1.5) + 1;
        Assert.InRange(prediction.Timeline.Count, windows - 1, windows + 1);
        Assert.Equal(analysed.Start, prediction.Timeline[0].Start, 2);
        Assert.InRange(prediction.Timeline[^1].End, analysed.End - 1.6, analysed.End + 0.01);
        Assert.All(prediction.Timeline, t => Assert.Contains(t.Emotion, prediction.Probabilities.Keys));
    }

    public static TheoryData<string, byte[], HttpStatusCode, string> BadUploads => new()
    {
        { "notes.wav", "this is text, not audio"u8.ToArray(), HttpStatusCode.BadRequest, "notes.wav: not audio" },
        { "clip.txt", TestWav.Build([new float[22050]], 22050, TestWav.Encoding.Pcm16), HttpStatusCode.BadRequest, "has extension '.txt'" },
        { "cut.wav", "RIFF\x04\0\0\0WA"u8.ToArray(), HttpStatusCode.BadRequest, "truncated WAV header" },
        { "blip.wav", TestWav.Build([Tone(0.2)], 22050, TestWav.Encoding.Pcm16), (HttpStatusCode)422, "at least 0.5 s" },
        { "silence.wav", TestWav.Build([new float[44100]], 22050, TestWav.Encoding.Pcm16), (HttpStatusCode)422, "silent" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Predict_BadUpload_AnswersJsonErrorAPersonCanActOn(string name, byte[] content, HttpStatusCode status, string message)
    {
        var response = await Upload(factory.CreateClient(), content, name);

        Assert.Equal(status, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<ErrorResponse>(Json, TestContext.Current.CancellationToken))!;
        Assert.Contains(message, error.Error);
    }

    [Fact]
    public async Task Predict_OverTheLimit_Answers413WithTheLimit()
    {
        // Given an app that accepts 100 kB, and a 376 kB clip
        var small = factory.WithWebHostBuilder(b => b.UseSetting("Emotion:MaxUploadBytes", "100000"));

        // When
        var response = await Upload(small.CreateClient(), File.ReadAllBytes(Fixtures.Original("03-01-01-01-01-01-01")), "big.wav");

        // Then
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<ErrorResponse>(Json, TestContext.Current.CancellationToken))!;
        Assert.Equal(100000, error.LimitBytes);
        Assert.Contains("limit", error.Error);
    }

    [Fact]
    public void Start_SpeakerAdaptedBundle_RefusesWithWhatToUseInstead()
    {
        // Given the app pointed at the bundle that reads 16 clips of one speaker together
        var speaker = factory.WithWebHostBuilder(b => b.UseSetting("Emotion:ModelPath", Path.Combine(Fixtures.RepositoryRoot, "models", "speaker.model.zip")));

        // When it loads its model, then it says why it cannot serve single uploads with that bundle
        var error = Assert.Throws<ModelBundleException>(() => speaker.Services.GetRequiredService<ModelBundle>());
        Assert.Contains("the app classifies one upload at a time: use models/default.model.zip", error.Message);
    }

    [Fact]
    public async Task Predict_NoFileField_Answers400()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "note" } };

        var response = await factory.CreateClient().PostAsync("/api/predict", form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'file'", (await response.Content.ReadFromJsonAsync<ErrorResponse>(Json, TestContext.Current.CancellationToken))!.Error);
    }

    [Fact]
    public async Task Predict_NotAForm_Answers400()
    {
        var response = await factory.CreateClient().PostAsync("/api/predict", new StringContent("{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Page_Root_ServesOwnAssetsOnly()
    {
        var client = factory.CreateClient();

        string page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("<script src=\"app.js\"></script>", page);
        Assert.DoesNotContain("http", page.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app.js", TestContext.Current.CancellationToken)).StatusCode);
    }

    internal static async Task<HttpResponseMessage> Upload(HttpClient client, byte[] content, string name, CancellationToken? cancel = null)
    {
        using var form = Form(content, name);
        return await client.PostAsync("/api/predict", form, cancel ?? TestContext.Current.CancellationToken);
    }

    /// <summary>A clip as the page sends it: a multipart form with the file in the field 'file'.</summary>
    internal static MultipartFormDataContent Form(byte[] content, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return form;
    }

    private static float[] Tone(double seconds) =>
        [.. Enumerable.Range(0, (int)(seconds * 22050)).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * 220 * i / 22050)))];
}
