using System.Globalization;
using System.Text.Json.Serialization;
using Emotion.Audio;
using Emotion.Bundle;
using Emotion.Prediction;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Options;
using KestrelServerOptions = Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions;
using MinDataRate = Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate;

namespace Emotion.App;

/// <summary>The JSON API: each endpoint turns a request into one library call and returns a DTO.</summary>
public static class Api
{
    /// <summary>Bytes of multipart headers and boundaries allowed on top of the file limit.</summary>
    private const long FramingAllowance = 64 * 1024;

    /// <summary>The slowest pace any upload may keep (Kestrel's own default), and how long it has to reach its pace.</summary>
    private const double MinimumBytesPerSecond = 240;
    private static readonly TimeSpan PaceGrace = TimeSpan.FromSeconds(5);

    /// <summary>"WAV, FLAC, MP3, OGG, OPUS or WEBM": the library's own list, as a person reads it.</summary>
    private static readonly string Formats = Sentence([.. AudioFile.SupportedExtensions.Select(e => e.TrimStart('.').ToUpperInvariant())]);

    /// <summary>Loads the model bundle now; when it cannot serve, logs why in one line and returns false.</summary>
    public static bool ModelLoads(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            app.Services.GetRequiredService<ModelBundle>();
            return true;
        }
        catch (ModelBundleException e)
        {
            app.Logger.LogCritical("{Problem}", e.Message);
            return false;
        }
    }

    /// <summary>Registers the model bundle (loaded once), the analyzer, the gate and the upload limits, all from the <c>Emotion</c> settings.</summary>
    public static WebApplicationBuilder AddEmotionApp(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<AppOptions>(builder.Configuration.GetSection("Emotion"));
        builder.Services.AddSingleton(services =>
        {
            var path = Path.GetFullPath(services.GetRequiredService<IOptions<AppOptions>>().Value.ModelPath, services.GetRequiredService<IWebHostEnvironment>().ContentRootPath);
            var bundle = ModelBundle.Load(path);
            // Each upload is classified on its own; a speaker-adapted bundle cannot do that.
            return bundle.Model.Options.Centring is { } centring
                ? throw new ModelBundleException($"{path} reads {centring.MinimumClips} or more clips of one speaker together; the app classifies one upload at a time: use models/default.model.zip")
                : bundle;
        });
        builder.Services.AddSingleton(services => new ClipAnalyzer(services.GetRequiredService<ModelBundle>(), new ClipAnalyzerOptions
        {
            Limits = AudioLimits.Default with
            {
                MaximumDuration = services.GetRequiredService<IOptions<AppOptions>>().Value.MaxDuration,
                MaximumFileBytes = services.GetRequiredService<IOptions<AppOptions>>().Value.MaxUploadBytes,
            },
        }));
        builder.Services.AddSingleton<AnalysisGate>();
        // Answers carry only the fields that mean something: no "limitBytes": null on other errors.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        // Uploads stay in memory, never on disk; the request limit leaves room for multipart framing.
        builder.Services.AddOptions<FormOptions>().Configure<IOptions<AppOptions>>((form, app) =>
        {
            form.MultipartBodyLengthLimit = app.Value.MaxUploadBytes;
            form.MemoryBufferThreshold = (int)Math.Min(int.MaxValue, app.Value.MaxUploadBytes);
        });
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<AppOptions>>((kestrel, app) =>
            kestrel.Limits.MaxRequestBodySize = app.Value.MaxUploadBytes + FramingAllowance);
        return builder;
    }

    /// <summary>Maps <c>/api/health</c>, <c>/api/model</c> and <c>/api/predict</c>.</summary>
    public static WebApplication MapEmotionApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // A bug must not reach the client as .NET's text or an empty 500: one plain JSON answer.
        app.UseExceptionHandler(failure => failure.Run(context => Results.Json(
            new ErrorResponse("The server failed to analyse this clip; the failure is logged. Try another file."), statusCode: 500).ExecuteAsync(context)));
        // Load the bundle at start-up, not on the first request.
        var bundle = app.Services.GetRequiredService<ModelBundle>();
        // An analysis holds its pool thread for its whole run. With every lane busy, a pool at its
        // starting size (a thread per core) had none left for the page, /api/health or a 503, which
        // waited 1-2 s for it to grow: keep a thread per core beyond the most analyses at once.
        // (A thread of its own per analysis cost 40% of the throughput: every thread-local cache cold.)
        ThreadPool.GetMinThreads(out int workers, out int completions);
        ThreadPool.SetMinThreads(Math.Max(workers, app.Services.GetRequiredService<AnalysisGate>().MostAtOnce + Environment.ProcessorCount), completions);
        app.MapGet("/api/health", () => new HealthResponse("ok", bundle.Card.Model.Describe(), bundle.Model.Labels));
        app.MapGet("/api/model", () => Results.Text(bundle.CardJson, "application/json"));
        app.MapPost("/api/predict", Predict).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Predict(HttpContext context, ClipAnalyzer analyzer, ModelBundle bundle, AnalysisGate gate, IOptions<AppOptions> options)
    {
        var request = context.Request;
        var cancel = context.RequestAborted;
        long limit = options.Value.MaxUploadBytes;
        if (request.ContentLength > limit + FramingAllowance)
            return TooLarge(limit);
        if (!request.HasFormContentType)
            return Results.Json(new ErrorResponse("Send the clip as multipart/form-data with a field named 'file'."), statusCode: 400);
        try
        {
            // The upload first, in a slot of its own: a client trickling its body in holds a slot for
            // at most UploadTimeout, never an analysis lane (two slow uploads once held both lanes
            // for as long as they liked, and every other upload waited). The slots bound the
            // uploads held in memory.
            using var slot = await gate.ReceiveAsync(cancel);
            if (!slot.IsAcquired)
                return Busy(context, options.Value);
            var (content, name, problem) = await ReadUpload(context, options.Value, cancel);
            if (problem is not null)
                return problem;
            using var lease = await gate.EnterAsync(content!.Length, cancel);
            return lease.IsAcquired
                ? Results.Json(PredictResponse.From(analyzer.Analyze(content, name!, cancel), bundle))
                : Busy(context, options.Value);
        }
        catch (AudioFormatException e)
        {
            return Results.Json(new ErrorResponse($"{e.Message}. Upload a {Formats} audio file."), statusCode: 400);
        }
        catch (UnusableClipException e)
        {
            return Results.Json(new ErrorResponse(e.Message), statusCode: 422);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client left: nobody reads an answer, and the work has stopped.
            return Results.Empty;
        }
    }

    /// <summary>The uploaded file's bytes and name, or the answer that says why there is none.</summary>
    private static async Task<(byte[]? Content, string? Name, IResult? Problem)> ReadUpload(HttpContext context, AppOptions options, CancellationToken cancel)
    {
        var request = context.Request;
        // A client trickling its body in is cut off (Kestrel's 408) once it falls behind the pace
        // that brings the whole declared upload within UploadTimeout: it holds a slot that long at most.
        double pace = Math.Max(MinimumBytesPerSecond, (request.ContentLength ?? options.MaxUploadBytes) / options.UploadTimeout.TotalSeconds);
        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
            rate.MinDataRate = new MinDataRate(pace, PaceGrace);
        try
        {
            var file = (await request.ReadFormAsync(cancel)).Files.GetFile("file");
            if (file is null)
                return (null, null, Results.Json(new ErrorResponse("No file: send the clip in a form field named 'file'."), statusCode: 400));
            if (file.Length > options.MaxUploadBytes)
                return (null, null, TooLarge(options.MaxUploadBytes));
            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
                await stream.ReadExactlyAsync(content, cancel);
            // The client's file name only supplies the extension and names the clip in messages.
            return (content, Path.GetFileName(file.FileName), null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 408)
        {
            return (null, null, Results.Json(new ErrorResponse(string.Create(CultureInfo.InvariantCulture,
                $"The upload came in slower than {pace / 1000:0.#} kB/s, too slowly to arrive within {options.UploadTimeout.TotalSeconds:0} s; try again from a faster connection.")), statusCode: 408));
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            // Kestrel's body limit raises a 413 BadHttpRequestException; FormOptions' multipart limit
            // raises InvalidDataException("Multipart body length limit ... exceeded"): both are "too large".
            return (null, null, e is BadHttpRequestException { StatusCode: 413 } || e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? TooLarge(options.MaxUploadBytes)
                : Results.Json(new ErrorResponse("The upload could not be read as multipart/form-data; send the clip in a form field named 'file'."), statusCode: 400));
        }
    }

    private static IResult Busy(HttpContext context, AppOptions options)
    {
        context.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Json(new ErrorResponse($"The server is busy analysing other clips; try again in {options.RetryAfterSeconds} seconds."), statusCode: 503);
    }

    private static string Sentence(string[] items) => items.Length == 1 ? items[0] : $"{string.Join(", ", items[..^1])} or {items[^1]}";

    private static IResult TooLarge(long limit) =>
        Results.Json(new ErrorResponse($"The file is larger than the {limit / (1024 * 1024)} MiB limit; upload a shorter clip.", limit), statusCode: 413);
}
