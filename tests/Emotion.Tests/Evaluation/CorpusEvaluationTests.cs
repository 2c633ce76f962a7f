using Emotion.Analysis;
using Emotion.Bundle;
using Emotion.Data;
using Emotion.Evaluation;

namespace Emotion.Tests.Evaluation;

public sealed class CorpusEvaluationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"corpus-{Guid.NewGuid():N}");

    [Fact]
    public void Run_FolderCorpusWithOtherNames_ScoresSharedClassesAndLeavesTheRestOut()
    {
        // Given the six sample clips filed under another corpus's label names, one unshared label and one broken file
        Place("anger", "03-01-05-02-01-01-02");
        Place("Neutral", "03-01-01-01-01-01-01");
        Place("sadness", "03-02-04-01-02-01-04");
        Place("boredom", "03-01-02-01-01-02-01");
        Place("boredom", "03-01-02-01-02-02-05");
        File.WriteAllText(Path.Combine(_root, "anger", "broken.wav"), "not audio");
        var bundle = ModelBundle.Load(Path.Combine(Fixtures.RepositoryRoot, ModelBundle.ReferenceForestRelativePath));

        // When
        var result = CorpusEvaluation.Run(bundle, CorpusCatalog.Scan(_root, CorpusLayout.Folders), LabelMap.Default);

        // Then three classes are shared (in the model's order), boredom's two clips are left out, the broken file is named
        Assert.Equal(["neutral", "sad", "angry"], result.Shared);
        Assert.Equal(3, result.Report.Count);
        Assert.Equal(1.0 / 3, result.Chance, 6);
        Assert.Contains(result.Mapping, m => m is { CorpusLabel: "boredom", Clips: 2, ModelLabel: null });
        Assert.Equal("broken.wav", Path.GetFileName(Assert.Single(result.Failures).Clip.Path));
        string report = Emotion.Reporting.Reports.CorpusEvaluation(result, "reference-forest.model.zip").ToString();
        Assert.Contains("| boredom | 2 | (not shared: left out) |", report);
        Assert.Contains("anger/broken.wav", report);
    }

    [Fact]
    public void Run_NoSharedLabel_AsksForAMapFile()
    {
        Place("W", "03-01-05-02-01-01-02");
        var bundle = ModelBundle.Load(Path.Combine(Fixtures.RepositoryRoot, ModelBundle.ReferenceForestRelativePath));

        var error = Assert.Throws<InsufficientDataException>(() => CorpusEvaluation.Run(bundle, CorpusCatalog.Scan(_root, CorpusLayout.Folders), LabelMap.Default));

        Assert.Contains("label map", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SharedActorAsFolderCorpusWithCodes_MapFileRestoresTheLabels()
    {
        // Given actor 20's clips (speech and song) filed under one-letter codes, calm left out by the map
        string corpus = Fixtures.SharedRavdessWav();
        var codes = new Dictionary<string, string> { ["neutral"] = "N", ["calm"] = "C", ["happy"] = "H", ["sad"] = "S", ["angry"] = "A", ["fearful"] = "F", ["disgust"] = "D", ["surprised"] = "U" };
        foreach (var clip in CorpusCatalog.Scan(corpus).Clips.Where(c => c.Info.Actor == "20"))
        {
            string folder = Directory.CreateDirectory(Path.Combine(_root, codes[clip.Emotion!])).FullName;
            File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(clip.Path)), clip.Path);
        }
        string map = Path.Combine(_root, "..", $"{Path.GetFileName(_root)}.map");
        File.WriteAllLines(map, [.. codes.Where(c => c.Key != "calm").Select(c => $"{c.Value} = {c.Key}"), "C ="]);
        var bundle = ModelBundle.Load(Path.Combine(Fixtures.RepositoryRoot, ModelBundle.DefaultRelativePath));

        // When
        var result = CorpusEvaluation.Run(bundle, CorpusCatalog.Scan(_root, CorpusLayout.Folders), LabelMap.Read(map, bundle.Model.Labels));
        File.Delete(map);

        // Then seven classes are shared; the model was trained on these clips, so a right mapping recalls most of them
        Assert.Equal(7, result.Shared.Count);
        Assert.DoesNotContain("calm", result.Shared);
        Assert.Empty(result.Failures);
        Assert.True(result.Report.UnweightedAverageRecall > 0.8, $"UAR {result.Report.UnweightedAverageRecall:P1}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private void Place(string label, string sample)
    {
        string folder = Directory.CreateDirectory(Path.Combine(_root, label)).FullName;
        File.Copy(Fixtures.Original(sample), Path.Combine(folder, sample + ".wav"));
    }
}
