using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Emotion.Tests.App;

/// <summary>
/// Clients that send their upload slowly, or stop halfway, against the app on a real socket
/// (Kestrel): the in-memory test server takes a body whole before the app sees it.
/// </summary>
public class SlowUploadTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private static readonly byte[] Clip = File.ReadAllBytes(Fixtures.Original("03-01-05-02-01-01-02"));

    [Fact]
    public async Task Predict_StalledUploadsAsManyAsLanes_OthersStillAnswered()
    {
        // Given an app with one ordinary lane and two clients that send their clip at 1 kB/s, above
        // the 240 B/s Kestrel holds every body to (each once held a lane for the six minutes its
        // clip takes: every other upload waited)
        await using var app = OnSocket(("Emotion:MaxConcurrentAnalyses", "1"));
        using var first = await StalledUpload.StartAsync(app.ClientOptions.BaseAddress, Clip, 1024, bytesPerSecond: 1000);
        using var second = await StalledUpload.StartAsync(app.ClientOptions.BaseAddress, Clip, 1024, bytesPerSecond: 1000);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        // When a whole clip comes
        using var client = new HttpClient { BaseAddress = app.ClientOptions.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        var response = await ApiTests.Upload(client, Clip, "short.wav");

        // Then it is answered, while the stalled ones are still waited for
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(first.Answered || second.Answered);
    }

    [Fact]
    public async Task Predict_UploadFallingBehindItsPace_Answers408SayingSo()
    {
        // Given an app that gives an upload one second, and a client that stops after a kilobyte
        await using var app = OnSocket(("Emotion:UploadTimeout", "00:00:01"));

        // When
        using var stalled = await StalledUpload.StartAsync(app.ClientOptions.BaseAddress, Clip, 1024);
        string answer = await stalled.ReadAnswerAsync();

        // Then it is told why (once its five seconds' grace are over), and the connection is closed
        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
        Assert.Contains("too slowly to arrive within 1 s", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_EveryUploadSlotHeld_Answers503AtOnce()
    {
        // Given an app that holds one upload at a time, and a client that holds its slot: one coming
        // in at 1 kB/s
        await using var app = OnSocket(("Emotion:MaxConcurrentUploads", "1"));
        using var client = new HttpClient { BaseAddress = app.ClientOptions.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        HttpResponseMessage response;
        bool slowOneAnswered;
        int attempt = 0;
        do
        {
            using var slow = await StalledUpload.StartAsync(app.ClientOptions.BaseAddress, Clip, 1024, bytesPerSecond: 1000);
            // Longer on each try: on a machine busy with other tests the slow one can reach the app
            // after the next, which then holds the slot and has it turned away.
            await Task.Delay(500 << attempt, TestContext.Current.CancellationToken);

            // When another comes
            response = await ApiTests.Upload(client, Clip, "short.wav");
            slowOneAnswered = slow.Answered;
        }
        while (response.StatusCode == HttpStatusCode.OK && ++attempt < 4);

        // Then it is told to come back, and the slow one is still taken in
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.False(slowOneAnswered);
    }

    private WebApplicationFactory<Program> OnSocket(params (string Key, string Value)[] settings)
    {
        var app = factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
                b.UseSetting(key, value);
        });
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    /// <summary>
    /// A connection that sends a clip's upload, headers and length whole, but only its first bytes at
    /// once, and then the rest at a trickle (or nothing).
    /// </summary>
    private sealed class StalledUpload : IDisposable
    {
        private readonly TcpClient _connection;
        private readonly CancellationTokenSource _stop = new();

        private StalledUpload(TcpClient connection) => _connection = connection;

        /// <summary>Whether any answer has come back.</summary>
        public bool Answered => _connection.Available > 0;

        public static async Task<StalledUpload> StartAsync(Uri address, byte[] clip, int sent, int bytesPerSecond = 0)
        {
            using var form = ApiTests.Form(clip, "clip.wav");
            byte[] body = await form.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            string head = $"POST /api/predict HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: {form.Headers.ContentType}\r\nContent-Length: {body.Length}\r\n\r\n";
            var connection = new TcpClient();
            await connection.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken);
            var stream = connection.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);
            await stream.WriteAsync(body.AsMemory(0, sent), TestContext.Current.CancellationToken);
            var upload = new StalledUpload(connection);
            if (bytesPerSecond > 0)
                _ = upload.TrickleAsync(stream, body.AsMemory(sent), bytesPerSecond / 10);
            return upload;
        }

        /// <summary>A tenth of a second's bytes ten times a second, until the body is sent or the upload disposed.</summary>
        private async Task TrickleAsync(NetworkStream stream, ReadOnlyMemory<byte> rest, int step)
        {
            try
            {
                for (int at = 0; at < rest.Length; at += step)
                {
                    await Task.Delay(100, _stop.Token);
                    await stream.WriteAsync(rest.Slice(at, Math.Min(step, rest.Length - at)), _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // Disposed, or the server closed the connection.
            }
        }

        /// <summary>Everything the server sends until it closes the connection (30 s at most).</summary>
        public async Task<string> ReadAnswerAsync()
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            patience.CancelAfter(TimeSpan.FromSeconds(30));
            using var reader = new StreamReader(_connection.GetStream(), Encoding.UTF8, leaveOpen: true);
            return await reader.ReadToEndAsync(patience.Token);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
            _connection.Dispose();
        }
    }
}
