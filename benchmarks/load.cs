// Load client for the web app: concurrent uploads of real clips to /api/predict on loopback, with
// hostile files mixed in on request. Every real clip must come back 200 with its RAVDESS emotion,
// every hostile one with a 4xx; prints latency percentiles of each kind and the count of 5xx.
//   dotnet run benchmarks/load.cs -- --url http://127.0.0.1:5090 --clients 8 [--requests 800 | --seconds 60] [--hostile 10] <clips...>
#:project ../lib/Emotion/Emotion.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.Buffers.Binary;
using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Emotion.Data;

var url = new Option<string>("--url") { Description = "The app's base address (loopback).", Required = true };
var clients = new Option<int>("--clients") { Description = "Concurrent clients.", DefaultValueFactory = _ => 8 };
var requests = new Option<int>("--requests") { Description = "Requests measured (unless --seconds).", DefaultValueFactory = _ => 800 };
var seconds = new Option<int?>("--seconds") { Description = "Measure for this long instead of a number of requests." };
var warmup = new Option<int>("--warmup") { Description = "Requests sent first and not measured (the JIT reaches steady state).", DefaultValueFactory = _ => 0 };
var hostile = new Option<int>("--hostile") { Description = "Make every Nth request a hostile file (0: none).", DefaultValueFactory = _ => 0 };
var files = new Argument<FileInfo[]>("clips") { Description = "RAVDESS clips to upload, round-robin.", Arity = ArgumentArity.OneOrMore };
var command = new RootCommand("Concurrent uploads against /api/predict.") { url, clients, requests, seconds, warmup, hostile, files };
command.SetAction(async (parsed, cancel) =>
{
    // Each multipart body is encoded once, so the client spends little of the shared CPU.
    var clips = parsed.GetValue(files)!.Select(f => (Body: Encode(File.ReadAllBytes(f.FullName), f.Name), Expected: RavdessName.TryParse(f.Name, out var n) ? n.Emotion : null)).ToArray();
    var hostiles = Hostile.Files(parsed.GetValue(files)![0].FullName).Select(h => Encode(h.Content, h.Name)).ToArray();
    using var http = new HttpClient { BaseAddress = new Uri(parsed.GetValue(url)!), Timeout = TimeSpan.FromMinutes(2) };
    int workers = parsed.GetValue(clients), every = parsed.GetValue(hostile);
    int next = 0, wrong = 0, refused = 0, serverErrors = 0;
    var good = new List<double>();
    var bad = new List<double>();

    async Task Send(int index, bool record)
    {
        bool isHostile = every > 0 && index % every == every - 1;
        var body = isHostile ? hostiles[index / every % hostiles.Length] : clips[index % clips.Length].Body;
        using var content = new ByteArrayContent(body.Bytes);
        content.Headers.ContentType = body.Type;
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("/api/predict", content, cancel);
        byte[] answer = await response.Content.ReadAsByteArrayAsync(cancel);
        double ms = clock.Elapsed.TotalMilliseconds;
        int status = (int)response.StatusCode;
        if (status >= 500)
            Interlocked.Increment(ref serverErrors);
        if (isHostile)
        {
            // A hostile file deserves a clear refusal; a 200 is fine only for audio it turned out to be.
            if (status is not (>= 400 and < 500 or 200))
                Interlocked.Increment(ref refused);
        }
        else if (status != 200 || (clips[index % clips.Length].Expected is { } expected && Emotion(answer) != expected))
            Interlocked.Increment(ref wrong);
        if (record)
            lock (good)
                (isHostile ? bad : good).Add(ms);
    }

    async Task Run(Func<int, bool> more, bool record)
    {
        next = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int i;
            while (more(i = Interlocked.Increment(ref next) - 1))
                await Send(i, record);
        }));
    }

    int warm = parsed.GetValue(warmup);
    await Run(i => i < warm, record: false);
    (wrong, refused, serverErrors) = (0, 0, 0);
    var wall = Stopwatch.StartNew();
    var limit = parsed.GetValue(seconds) is int s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
    int total = parsed.GetValue(requests);
    await Run(i => limit is { } l ? wall.Elapsed < l : i < total, record: true);
    double elapsed = wall.Elapsed.TotalSeconds;
    Console.WriteLine(string.Join(' ',
        $"requests={good.Count + bad.Count} clients={workers} good={good.Count} hostile={bad.Count} wrong={wrong} hostile_not_4xx={refused} 5xx={serverErrors}",
        $"seconds={elapsed:F1} rps={(good.Count + bad.Count) / elapsed:F0}",
        Percentiles("", good), bad.Count > 0 ? Percentiles("hostile_", bad) : ""));
    return wrong + refused + serverErrors == 0 ? 0 : 1;
});
return await command.Parse(args).InvokeAsync();

static string Percentiles(string prefix, List<double> values)
{
    values.Sort();
    double At(double p) => values[(int)Math.Min(values.Count - 1, Math.Ceiling(p * values.Count) - 1)];
    return $"{prefix}p50={At(0.5):F1} {prefix}p95={At(0.95):F1} {prefix}p99={At(0.99):F1} {prefix}max={values[^1]:F1}";
}

static (byte[] Bytes, MediaTypeHeaderValue Type) Encode(byte[] file, string name)
{
    using var form = new MultipartFormDataContent();
    var content = new ByteArrayContent(file);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    form.Add(content, "file", name);
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

/// <summary>The hostile uploads of issue 12's table, made in memory from one real clip.</summary>
internal static class Hostile
{
    public static IEnumerable<(string Name, byte[] Content)> Files(string realClip)
    {
        byte[] real = File.ReadAllBytes(realClip);
        var random = new Random(12);
        yield return ("odd-rate.wav", WithRate(Wav(new float[10], 8000, 16), 250007));
        yield return ("rate-max.wav", WithRate(Wav(Tone(20_000, 8000), 8000, 16), 0x7FFFFFFF));
        yield return ("one-hertz.wav", WithRate(Wav(Tone(2000, 8000), 8000, 16), 1));
        yield return ("real-at-one-hertz.wav", WithRate(real, 1));
        yield return ("all-nan.wav", Wav(Enumerable.Repeat(float.NaN, 22050).ToArray(), 22050, 32));
        yield return ("dc.wav", Wav(Enumerable.Repeat(1f, 44100).ToArray(), 22050, 16));
        yield return ("huge-values.wav", Wav([.. Tone(22050, 22050).Select(v => v > 0 ? 1e30f : -1e30f)], 22050, 32));
        yield return ("noise.wav", Wav([.. Enumerable.Range(0, 44100).Select(_ => (float)(random.NextDouble() - 0.5))], 22050, 16));
        yield return ("random.wav", [.. "RIFF"u8, .. Enumerable.Range(0, 4000).Select(_ => (byte)random.Next(256))]);
        yield return ("text.ogg", "this is not audio"u8.ToArray());
        yield return ("43-minutes.wav", Wav(new float[43 * 60 * 8000], 8000, 8));
    }

    private static float[] Tone(int count, int rate) => [.. Enumerable.Range(0, count).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * 220 * i / rate)))];

    private static byte[] WithRate(byte[] wav, uint rate)
    {
        var copy = (byte[])wav.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(copy.AsSpan().IndexOf("fmt "u8) + 12), rate);
        return copy;
    }

    /// <summary>Mono WAV: 8-bit and 16-bit PCM, or 32-bit float (which holds NaN and 1e30 as they are).</summary>
    private static byte[] Wav(float[] samples, int rate, int bits)
    {
        int bytes = bits / 8;
        var file = new byte[44 + samples.Length * bytes];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), file.Length - 8);
        "WAVEfmt "u8.CopyTo(file.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(20), bits == 32 ? (ushort)3 : (ushort)1);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(28), rate * bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(32), (ushort)bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(34), (ushort)bits);
        "data"u8.CopyTo(file.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(40), samples.Length * bytes);
        for (int i = 0; i < samples.Length; i++)
        {
            var at = file.AsSpan(44 + i * bytes);
            if (bits == 32)
                BinaryPrimitives.WriteSingleLittleEndian(at, samples[i]);
            else if (bits == 16)
                BinaryPrimitives.WriteInt16LittleEndian(at, (short)Math.Clamp(samples[i] * 32767, short.MinValue, short.MaxValue));
            else
                at[0] = (byte)Math.Clamp(samples[i] * 127 + 128, 0, 255);
        }
        return file;
    }
}
