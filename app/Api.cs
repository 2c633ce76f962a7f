using System.Text.Json.Serialization;
using Emotion.Audio;
using Emotion.Bundle;
using Emotion.Prediction;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using KestrelServerOptions = Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions;

namespace Emotion.App;

/// <summary>The JSON API: each endpoint turns a request into one library call and returns a DTO.</summary>
public static class Api
{
    /// <summary>Bytes of multipart headers and boundaries allowed on top of the file limit.</summary>
    private const long FramingAllowance = 64 * 1024;

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
            // A turn first, by the declared size (an upload of unknown length counts as large), so that
            // uploads beyond the bound are refused before their bytes are held in memory.
            using var lease = await gate.EnterAsync(request.ContentLength ?? limit, cancel);
            if (!lease.IsAcquired)
            {
                context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Json(new ErrorResponse($"The server is busy analysing other clips; try again in {options.Value.RetryAfterSeconds} seconds."), statusCode: 503);
            }
            var (content, name, problem) = await ReadUpload(request, limit, cancel);
            return problem ?? Results.Json(PredictResponse.From(analyzer.Analyze(content!, name!, cancel), bundle));
        }
        catch (AudioFormatException e)
        {
            return Results.Json(new ErrorResponse($"{e.Message}. Upload a WAV, FLAC, MP3, OGG, OPUS or WEBM audio file."), statusCode: 400);
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
    private static async Task<(byte[]? Content, string? Name, IResult? Problem)> ReadUpload(HttpRequest request, long limit, CancellationToken cancel)
    {
        IFormFile? file;
        try
        {
            file = (await request.ReadFormAsync(cancel)).Files.GetFile("file");
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            // Kestrel's body limit raises a 413 BadHttpRequestException; FormOptions' multipart limit
            // raises InvalidDataException("Multipart body length limit ... exceeded"): both are "too large".
            return (null, null, e is BadHttpRequestException { StatusCode: 413 } || e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? TooLarge(limit)
                : Results.Json(new ErrorResponse("The upload could not be read as multipart/form-data; send the clip in a form field named 'file'."), statusCode: 400));
        }
        if (file is null)
            return (null, null, Results.Json(new ErrorResponse("No file: send the clip in a form field named 'file'."), statusCode: 400));
        if (file.Length > limit)
            return (null, null, TooLarge(limit));
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancel);
        // The client's file name only supplies the extension and names the clip in messages.
        return (buffer.ToArray(), Path.GetFileName(file.FileName), null);
    }

    private static IResult TooLarge(long limit) =>
        Results.Json(new ErrorResponse($"The file is larger than the {limit / (1024 * 1024)} MiB limit; upload a shorter clip.", limit), statusCode: 413);
}
