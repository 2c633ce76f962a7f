using System.Diagnostics;
using System.Text.Json;
using Emotion.Bundle;

namespace Emotion.Tests.Notebooks;

public class NotebookRunTests
{
    [Fact]
    public async Task AllNotebooks_HeadlessOnCorpusSubset_RunWithoutErrorAndSaveAModel()
    {
        // Given every fourth clip of the decoded shared corpus (all actors, both channels) and a scratch folder
        string corpus = Fixtures.SharedRavdessWav();
        using var work = Fixtures.TempDirectory();
        string subset = work.File("corpus");
        var files = Directory.GetFiles(corpus, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Where((_, i) => i % 4 == 0).ToList();
        foreach (var file in files)
        {
            string target = Path.Combine(subset, Path.GetRelativePath(corpus, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // When the runner executes notebooks 01..08 into the scratch folder
        var run = new ProcessStartInfo("dotnet", ["run", "scripts/notebooks.cs", "--", "--out", work.File("reports")])
        {
            WorkingDirectory = Fixtures.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["EMOTION_CORPUS"] = subset, ["EMOTION_WORK"] = work.Path, ["EMOTION_QUICK"] = "1" },
        };
        using var process = Process.Start(run)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        string stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        // Then all eight succeed, no cell shows an error, and the bundle they saved loads
        Assert.True(process.ExitCode == 0, stdout + await stderr);
        var executed = Directory.GetFiles(work.File("reports"), "*.ipynb").Order().ToList();
        Assert.Equal(8, executed.Count);
        foreach (var notebook in executed)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(notebook));
            var outputs = json.RootElement.GetProperty("cells").EnumerateArray()
                .Where(c => c.GetProperty("cell_type").GetString() == "code")
                .SelectMany(c => c.GetProperty("outputs").EnumerateArray()).ToList();
            Assert.NotEmpty(outputs);
            Assert.DoesNotContain(outputs, o => o.GetProperty("output_type").GetString() == "error");
        }
        Assert.Contains("Plotly.newPlot", File.ReadAllText(work.File("reports/03-explore.html")));
        Assert.DoesNotContain("cdn.plot.ly", File.ReadAllText(work.File("reports/03-explore.html")));
        var bundle = ModelBundle.Load(work.File("models/reference-forest.model.zip"));
        Assert.Equal(files.Count, bundle.Card.Training.Examples);
    }
}
