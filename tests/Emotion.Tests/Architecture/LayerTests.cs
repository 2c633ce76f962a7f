using System.Text.RegularExpressions;

namespace Emotion.Tests.Architecture;

/// <summary>
/// The core library's folders are layers, each using only those below it: audio → features → data
/// → models → evaluation → bundle → prediction → analysis (with shared helpers beneath all), and
/// reporting lives in its own project, which the web app does not load.
/// </summary>
public partial class LayerTests
{
    private static readonly string[] Layers = ["Internal", "Audio", "Features", "Data", "Models", "Evaluation", "Bundle", "Prediction", "Analysis"];

    [Fact]
    public void CoreLibrary_EachFolder_UsesOnlyTheLayersBelowIt()
    {
        string core = Path.Combine(Fixtures.RepositoryRoot, "lib", "Emotion");
        var violations = new List<string>();
        foreach (string file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            string folder = Path.GetRelativePath(core, file).Split(Path.DirectorySeparatorChar) is [var first, _, ..] ? first : "";
            int own = Array.IndexOf(Layers, folder);
            foreach (Match use in Reference().Matches(File.ReadAllText(file)))
            {
                int used = Array.IndexOf(Layers, use.Groups[1].Value);
                if (used > own)
                    violations.Add($"{Path.GetRelativePath(core, file)} uses Emotion.{use.Groups[1].Value}");
            }
        }
        Assert.Empty(violations);
    }

    [Fact]
    public void WebApp_DoesNotLoadTheReportingProject()
    {
        var references = typeof(Emotion.App.Api).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Emotion", references);
        Assert.DoesNotContain("Emotion.Reporting", references);
        Assert.DoesNotContain("Markdig", references);
        Assert.DoesNotContain("Spectre.Console", references);
    }

    /// <summary>A <c>using Emotion.X</c> or a qualified <c>Emotion.X.</c>, in code or XML doc references.</summary>
    [GeneratedRegex(@"\bEmotion\.(\w+)\b")]
    private static partial Regex Reference();
}
