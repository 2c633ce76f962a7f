// Load client for the web app: concurrent uploads of real clips to /api/predict on loopback.
// Every answer must be 200 with the clip's RAVDESS emotion; prints latency percentiles.
//   dotnet run benchmarks/load.cs -- --url http://127.0.0.1:5090 --clients 8 --requests 800 <clips...>
#:project ../lib/Emotion.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Emotion.Data;

var url = new Option<string>("--url") { Description = "The app's base address (loopback).", Required = true };
var clients = new Option<int>("--clients") { Description = "Concurrent clients.", DefaultValueFactory = _ => 8 };
var requests = new Option<int>("--requests") { Description = "Requests measured.", DefaultValueFactory = _ => 800 };
var warmup = new Option<int>("--warmup") { Description = "Requests sent first and not measured (the JIT reaches steady state).", DefaultValueFactory = _ => 0 };
var files = new Argument<FileInfo[]>("clips") { Description = "RAVDESS clips to upload, round-robin.", Arity = ArgumentArity.OneOrMore };
var command = new RootCommand("Concurrent uploads against /api/predict.") { url, clients, requests, warmup, files };
command.SetAction(async (parsed, cancel) =>
{
    // Each clip's multipart body is encoded once, so the client spends little of the shared CPU.
    var clips = parsed.GetValue(files)!.Select(f => (Body: Encode(f), Expected: RavdessName.TryParse(f.Name, out var n) ? n.Emotion : null)).ToArray();
    using var http = new HttpClient { BaseAddress = new Uri(parsed.GetValue(url)!) };
    int workers = parsed.GetValue(clients), total = parsed.GetValue(requests), next = 0, wrong = 0;
    var latencies = new double[total];

    async Task Send(int index, bool record)
    {
        var clip = clips[index % clips.Length];
        using var content = new ByteArrayContent(clip.Body.Bytes);
        content.Headers.ContentType = clip.Body.Type;
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("/api/predict", content, cancel);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancel);
        double ms = clock.Elapsed.TotalMilliseconds;
        string? emotion = response.IsSuccessStatusCode ? Emotion(body) : null;
        if (emotion is null || (clip.Expected is not null && emotion != clip.Expected))
            Interlocked.Increment(ref wrong);
        if (record)
            latencies[index] = ms;
    }

    async Task Run(int count, bool record)
    {
        next = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next) - 1) < count)
                await Send(i, record);
        }));
    }

    await Run(parsed.GetValue(warmup), record: false);
    wrong = 0;
    var wall = Stopwatch.StartNew();
    await Run(total, record: true);
    double seconds = wall.Elapsed.TotalSeconds;
    Array.Sort(latencies);
    double Percentile(double p) => latencies[(int)Math.Min(total - 1, Math.Ceiling(p * total) - 1)];
    Console.WriteLine($"requests={total} clients={workers} wrong={wrong} seconds={seconds:F1} rps={total / seconds:F0} p50={Percentile(0.5):F1} p95={Percentile(0.95):F1} p99={Percentile(0.99):F1} max={latencies[^1]:F1}");
    return wrong == 0 ? 0 : 1;
});
return await command.Parse(args).InvokeAsync();

static (byte[] Bytes, MediaTypeHeaderValue Type) Encode(FileInfo file)
{
    using var form = new MultipartFormDataContent();
    var content = new ByteArrayContent(File.ReadAllBytes(file.FullName));
    content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
    form.Add(content, "file", file.Name);
    return (form.ReadAsByteArrayAsync().GetAwaiter().GetResult(), form.Headers.ContentType!);
}

// The answer's first property is the emotion: read just that.
static string? Emotion(byte[] json)
{
    var reader = new Utf8JsonReader(json);
    while (reader.Read())
    {
        if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("emotion"u8) && reader.Read())
            return reader.GetString();
    }
    return null;
}
