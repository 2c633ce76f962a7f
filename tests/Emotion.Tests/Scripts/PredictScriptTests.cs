using System.Diagnostics;
using System.Text.Json;

namespace Emotion.Tests.Scripts;

/// <summary>scripts/predict.cs as a user runs it: <c>dotnet run</c>, a folder of files, some bad.</summary>
public class PredictScriptTests
{
    [Fact]
    public async Task Run_FolderWithBadFilesAmongGoodOnes_OneLineEachAndAFailingExitCode()
    {
        // Given a folder: a good clip, one whose header declares 2147483647 Hz, an all-NaN float WAV,
        // another good clip, and a text file
        using var folder = Fixtures.TempDirectory();
        File.Copy(Fixtures.Original("03-01-05-02-01-01-02"), folder.File("a-good.wav"));
        File.WriteAllBytes(folder.File("b-rate.wav"), TestWav.WithDeclaredRate(File.ReadAllBytes(Fixtures.Original("03-01-05-02-01-01-02")), 0x7FFFFFFF));
        File.WriteAllBytes(folder.File("c-nan.wav"), TestWav.Build([Enumerable.Repeat(float.NaN, 22050).ToArray()], 22050, TestWav.Encoding.Float32));
        File.Copy(Fixtures.Original("03-01-01-01-01-01-01"), folder.File("d-good.wav"));
        File.WriteAllText(folder.File("notes.txt"), "not audio");

        // When predict.cs reads the folder, as JSON lines
        var (exitCode, stdout, stderr) = await RunPredict("--json", folder.Path);

        // Then every file has its line in order, the bad ones an error in words, the text file a
        // skip, and the exit code says not all went well
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(lines.Count == 5, stdout + stderr);
        Assert.Equal(["a-good.wav", "b-rate.wav", "c-nan.wav", "d-good.wav", "notes.txt"], lines.Select(l => Path.GetFileName(l.GetProperty("file").GetString())));
        Assert.Equal("angry", lines[0].GetProperty("emotion").GetString());
        Assert.Contains("sample rate of 2147483647 Hz", lines[1].GetProperty("error").GetString());
        Assert.Contains("not a number", lines[2].GetProperty("error").GetString());
        Assert.True(lines[3].TryGetProperty("emotion", out _));
        Assert.Contains("not audio", lines[4].GetProperty("skipped").GetString());
        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public async Task Run_SameSpeakerWithSixFiles_SaysItNeedsSixteenWithoutAStackTrace()
    {
        // Given the six original clips, fewer than the speaker-adapted model reads together
        // When
        var (exitCode, stdout, stderr) = await RunPredict("--same-speaker", Fixtures.OriginalsDirectory);

        // Then one error line says what is needed, and the exit code says nothing was classified
        string all = stdout + stderr;
        Assert.Contains("needs at least 16 clips of one speaker, and got 6", all);
        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("   at ", all);
    }

    /// <summary>Runs <c>dotnet run scripts/predict.cs -- args</c> from the checkout, as a user would.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunPredict(params string[] args)
    {
        var run = new ProcessStartInfo("dotnet", ["run", "scripts/predict.cs", "--", .. args])
        {
            WorkingDirectory = Fixtures.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(run)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        string stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, stdout, await stderr);
    }
}
