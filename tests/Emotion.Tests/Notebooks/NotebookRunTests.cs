using System.Diagnostics;
using System.Text.Json;
using Emotion.Bundle;

namespace Emotion.Tests.Notebooks;

/// <summary>
/// The notebooks as users run them: each executed top to bottom by Jupyter's own client in the
/// .NET Interactive kernel that VS Code's Polyglot Notebooks runs (scripts/notebooks.py).
/// </summary>
public class NotebookRunTests
{
    [Fact]
    public async Task AllNotebooks_RealKernelOnCorpusSubset_RunWithoutErrorDrawEveryChartAndSaveAModel()
    {
        // Given every fourth clip of the decoded shared corpus (all actors, both channels) and a scratch folder
        string corpus = Fixtures.SharedRavdessWav();
        Fixtures.SharedEmovoWav();
        using var work = Fixtures.TempDirectory();
        string subset = work.File("corpus");
        var files = Directory.GetFiles(corpus, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Where((_, i) => i % 4 == 0).ToList();
        foreach (var file in files)
        {
            string target = Path.Combine(subset, Path.GetRelativePath(corpus, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // When the kernel executes notebooks 01..09, checking their charts, with HTML pages (EMOVO,
        // decoded beside the checkout as CI does, is the other corpus of notebook 09)
        var (exitCode, output) = await RunNotebooks(work, subset, "--check-charts", "--html");

        // Then all nine succeed with every chart drawn, no cell shows an error, the pages load no
        // CDN, and the bundle notebook 06 saved loads
        Assert.True(exitCode == 0, output);
        var executed = Directory.GetFiles(work.File("reports"), "*.ipynb").Order().ToList();
        Assert.Equal(9, executed.Count);
        foreach (var notebook in executed)
            Assert.Empty(ErrorOutputs(notebook));
        string page = File.ReadAllText(work.File("reports/03-explore.html"));
        Assert.Equal(7, page.Split("class=\"emotion-chart\"").Length - 1);
        Assert.DoesNotContain("cdn.", page);
        Assert.True(File.Exists(work.File("reports/assets/plotly-2.28.0.min.js")));
        var bundle = ModelBundle.Load(work.File("models/reference-forest.model.zip"));
        Assert.Equal(files.Count, bundle.Card.Training.Examples);
    }

    [Fact]
    public async Task AllNotebooks_RealKernelOnTheSixSamples_FinishAndSayWhatCannotRun()
    {
        // Given a fresh clone's data: the six sample clips only
        using var work = Fixtures.TempDirectory();

        // When the kernel executes notebooks 01..09 on them
        var (exitCode, output) = await RunNotebooks(work, Path.Combine(Fixtures.RepositoryRoot, "data", "samples"));

        // Then every notebook finishes without an error; the steps that need more clips say so in
        // words, with where to get the corpus, and the early steps draw their charts
        Assert.True(exitCode == 0, output);
        var executed = Directory.GetFiles(work.File("reports"), "*.ipynb").Order().ToList();
        Assert.Equal(9, executed.Count);
        Assert.All(executed, notebook => Assert.Empty(ErrorOutputs(notebook)));
        string baseline = File.ReadAllText(work.File("reports/05-baseline.ipynb"));
        Assert.Contains("Not run:", baseline);
        Assert.Contains("ravdess-wav.sh", baseline);
        Assert.DoesNotContain("   at Emotion.", baseline);
        Assert.Contains("03-explore.ipynb: ok, 7 charts", output);
    }

    private static async Task<(int ExitCode, string Output)> RunNotebooks(TempDirectory work, string corpus, params string[] options)
    {
        string tools = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools");
        if (!File.Exists(Path.Combine(tools, "dotnet-interactive")) || !File.Exists("/usr/bin/python3"))
            Assert.Skip($"the notebook kernel is not installed (dotnet tool install -g Microsoft.dotnet-interactive; dotnet interactive jupyter install; apt-get install python3-nbclient python3-markdown); CI installs it");
        var run = new ProcessStartInfo("/usr/bin/python3", ["scripts/notebooks.py", "--out", work.File("reports"), .. options])
        {
            WorkingDirectory = Fixtures.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["EMOTION_CORPUS"] = corpus,
                ["EMOTION_WORK"] = work.Path,
                ["EMOTION_QUICK"] = "1",
                // The kernel's command line is `dotnet interactive`, a global tool.
                ["PATH"] = Environment.GetEnvironmentVariable("PATH") + Path.PathSeparator + tools,
            },
        };
        using var process = Process.Start(run)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        string stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, stdout + await stderr);
    }

    private static List<string> ErrorOutputs(string notebook)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(notebook));
        return [.. json.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray())
            .Where(o => o.GetProperty("output_type").GetString() == "error")
            .Select(o => $"{Path.GetFileName(notebook)}: {o.GetProperty("evalue").GetString()}")];
    }
}
