using System.Globalization;
using System.Text.Json.Nodes;
using Emotion.Analysis;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Features;

namespace Emotion.Reporting;

/// <summary>The analysis's plots, each one <see cref="Chart"/>.</summary>
public static class Charts
{
    /// <summary>Clips per emotion as bars, optionally one bar group per value of a metadata column (e.g. <c>vocal_channel</c>, <c>gender</c>).</summary>
    public static Chart ClassCounts(FeatureTable table, string? splitBy = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var labels = table.Labels;
        if (splitBy is null)
            return new Chart("Clips per emotion", [Bars(labels, [.. table.ClassCounts().Select(c => (double)c.Count)])], Axes("emotion", "clips"), 700, 400);
        var groups = table.Rows.Select(r => r.Clip.Field(splitBy)).Distinct().Order(StringComparer.Ordinal).ToList();
        var bars = groups.Select(g => Bars(labels, [.. labels.Select(l => (double)table.Rows.Count(r => r.Emotion == l && r.Clip.Field(splitBy) == g))], g.Length == 0 ? "unknown" : g));
        var layout = Axes("emotion", "clips");
        layout["barmode"] = "group";
        return new Chart($"Clips per emotion by {splitBy}", bars, layout, 700, 400);
    }

    /// <summary>
    /// Histograms of features <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> − 1
    /// in a grid of four columns (the reference plotted the 80 MFCC statistics in batches).
    /// </summary>
    public static Chart FeatureHistograms(FeatureTable table, int first, int count)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        int last = Math.Min(table.FeatureNames.Count, first + count);
        if (first >= last)
            throw new ArgumentOutOfRangeException(nameof(first), first, $"The table has {table.FeatureNames.Count} features.");
        const int columns = 4;
        int rows = (last - first + columns - 1) / columns;
        var layout = new JsonObject
        {
            ["grid"] = new JsonObject { ["rows"] = rows, ["columns"] = columns, ["pattern"] = "independent" },
            ["showlegend"] = false,
            ["margin"] = new JsonObject { ["t"] = 60, ["b"] = 40 },
        };
        var traces = new List<JsonObject>();
        for (int f = first; f < last; f++)
        {
            string axis = f == first ? "" : (f - first + 1).ToString(CultureInfo.InvariantCulture);
            traces.Add(new JsonObject
            {
                ["type"] = "histogram",
                ["name"] = table.FeatureNames[f],
                ["x"] = Numbers(table.Rows.Select(r => (double)r.Features[f])),
                ["xaxis"] = "x" + axis,
                ["yaxis"] = "y" + axis,
            });
            layout["xaxis" + axis] = new JsonObject { ["title"] = new JsonObject { ["text"] = table.FeatureNames[f] } };
        }
        return new Chart($"Distributions of {table.FeatureNames[first]}..{table.FeatureNames[last - 1]}", traces, layout, 1000, 220 * rows + 80);
    }

    /// <summary>The confusion matrix as a heatmap of row-normalised recall, actual emotions down, predicted across.</summary>
    public static Chart ConfusionMatrix(EvaluationReport report, string title)
    {
        ArgumentNullException.ThrowIfNull(report);
        var labels = report.Labels;
        var fractions = report.ConfusionMatrix.Select(row =>
        {
            double total = Math.Max(1, row.Sum());
            return row.Select(v => Math.Round(v / total, 3));
        });
        var heatmap = new JsonObject
        {
            ["type"] = "heatmap",
            ["z"] = new JsonArray([.. fractions.Select(row => (JsonNode)Numbers(row))]),
            ["x"] = Strings(labels),
            ["y"] = Strings(labels),
            ["colorscale"] = "Viridis",
            ["zmin"] = 0,
            ["zmax"] = 1,
            ["texttemplate"] = "%{z:.2f}",
        };
        var layout = Axes("predicted", "actual");
        ((JsonObject)layout["yaxis"]!)["autorange"] = "reversed";
        return new Chart(title + " (fraction of each actual emotion)", [heatmap], layout, 700, 600);
    }

    /// <summary>Permutation importances as a sorted horizontal bar chart with their spread.</summary>
    public static Chart Importance(IReadOnlyList<FeatureImportance> importances, int top = 30)
    {
        ArgumentNullException.ThrowIfNull(importances);
        var shown = importances.Take(top).Reverse().ToList();
        var bars = new JsonObject
        {
            ["type"] = "bar",
            ["orientation"] = "h",
            ["x"] = Numbers(shown.Select(i => i.Mean)),
            ["y"] = Strings(shown.Select(i => i.Feature)),
            ["error_x"] = new JsonObject { ["type"] = "data", ["array"] = Numbers(shown.Select(i => i.Spread)) },
        };
        var layout = Axes("mean drop in accuracy", "");
        layout["margin"] = new JsonObject { ["l"] = 160 };
        return new Chart($"Permutation importance (top {shown.Count}): accuracy lost when a feature is shuffled", [bars], layout, 800, 24 * shown.Count + 160);
    }

    /// <summary>Accuracy and UAR side by side for each labelled result (the two evaluations, or several models).</summary>
    public static Chart Scores(IReadOnlyList<(string Name, double Accuracy, double Uar)> results, string title)
    {
        ArgumentNullException.ThrowIfNull(results);
        var names = results.Select(r => r.Name).ToList();
        var layout = Axes("", "%");
        layout["barmode"] = "group";
        layout["margin"] = new JsonObject { ["b"] = 160 };
        return new Chart(title,
            [
                Bars(names, [.. results.Select(r => Math.Round(100 * r.Accuracy, 1))], "accuracy %"),
                Bars(names, [.. results.Select(r => Math.Round(100 * r.Uar, 1))], "UAR %"),
            ], layout, 900, 500);
    }

    /// <summary>Each candidate's UAR on every actor fold, one line per candidate: how much the held-out speakers move it.</summary>
    public static Chart FoldUar(IReadOnlyList<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var lines = rows.Select(r => Line(r.All.FoldDescriptions, r.All.Folds.Select(f => Math.Round(100 * f.UnweightedAverageRecall, 1)), r.Candidate.Name));
        return new Chart("UAR on each fold of held-out actors", lines, Axes("held-out actors", "UAR %"), 900, 450);
    }

    /// <summary>
    /// UAR against the number of a speaker's clips centred together (<see cref="SpeakerAdaptation"/>),
    /// all clips and speech alone, beside the single-clip model's UAR as a flat line.
    /// </summary>
    public static Chart Adaptation(IReadOnlyList<AdaptationPoint> points, double singleClipUar)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sizes = points.Select(p => p.BatchSize?.ToString(CultureInfo.InvariantCulture) ?? "all").ToList();
        return new Chart("Speaker-independent UAR with a speaker's clips centred together",
            [
                Line(sizes, points.Select(p => Math.Round(100 * p.All.MeanUar, 1)), "speaker-centred, all clips"),
                Line(sizes, points.Select(p => Math.Round(100 * p.Speech.MeanUar, 1)), "speaker-centred, speech clips"),
                Line(sizes, sizes.Select(_ => Math.Round(100 * singleClipUar, 1)), "one clip at a time (the same recipe, not centred)", markers: false),
            ], Axes("clips of the speaker per batch", "UAR %"), 900, 450);
    }

    /// <summary>Each recipe's mean UAR over held-out speakers under every condition, clean first: how far each falls outside the studio.</summary>
    public static Chart Conditions(IReadOnlyList<(string Name, ConditionEvaluationResult Result)> recipes)
    {
        ArgumentNullException.ThrowIfNull(recipes);
        var bars = recipes.Select(r => Bars(r.Result.Conditions.Select(c => c.Condition), [.. r.Result.Conditions.Select(c => Math.Round(100 * c.MeanUar, 1))], r.Name));
        var layout = Axes("", "UAR % (held-out speakers)");
        layout["barmode"] = "group";
        layout["margin"] = new JsonObject { ["b"] = 170 };
        layout["legend"] = new JsonObject { ["orientation"] = "h", ["y"] = -0.6 };
        return new Chart("UAR on held-out speakers under each condition", bars, layout, 1000, 620);
    }

    /// <summary>A reliability diagram: accuracy against the stated confidence, bin by bin, beside the diagonal an honest model follows.</summary>
    public static Chart Reliability(Reliability reliability, string title)
    {
        ArgumentNullException.ThrowIfNull(reliability);
        var used = reliability.Bins.Where(b => b.Count > 0).ToList();
        var points = new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "lines+markers",
            ["name"] = "accuracy in bin",
            ["x"] = Numbers(used.Select(b => Math.Round(b.MeanConfidence, 3))),
            ["y"] = Numbers(used.Select(b => Math.Round(b.Accuracy, 3))),
            ["text"] = Strings(used.Select(b => $"{b.Count} clips")),
            ["marker"] = new JsonObject { ["size"] = Numbers(used.Select(b => Math.Round(6 + 24 * Math.Sqrt((double)b.Count / reliability.Count), 1))) },
        };
        var diagonal = new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "lines",
            ["name"] = "honest",
            ["x"] = Numbers([0, 1]),
            ["y"] = Numbers([0, 1]),
            ["line"] = new JsonObject { ["dash"] = "dot", ["color"] = "gray" },
        };
        return new Chart(FormattableString.Invariant($"{title} (ECE {reliability.ExpectedCalibrationError:F3})"), [diagonal, points], Axes("stated confidence", "share right"), 560, 480);
    }

    /// <summary>How often each recipe's top answer was each label on the other corpus: a recipe that says one thing to everything shows a single tall bar.</summary>
    public static Chart Answers(IReadOnlyList<(string Name, CorpusEvaluationResult Result)> recipes, string corpus)
    {
        ArgumentNullException.ThrowIfNull(recipes);
        var bars = recipes.Select(r => Bars(r.Result.Predicted.Select(p => p.Label), [.. r.Result.Predicted.Select(p => (double)p.Count)], r.Name));
        var layout = Axes("top answer", "clips");
        layout["barmode"] = "group";
        layout["legend"] = new JsonObject { ["orientation"] = "h", ["y"] = -0.4 };
        return new Chart($"Answers on {corpus}", bars, layout, 1000, 520);
    }

    /// <summary>The voiced frames' pitch over time, as a <see cref="PitchTracker"/> found it.</summary>
    public static Chart Pitch(PitchTrack track, string title)
    {
        ArgumentNullException.ThrowIfNull(track);
        var voiced = track.Frames.Select((f, i) => (Time: Math.Round(i * track.HopSeconds, 3), f.Pitch)).Where(p => !double.IsNaN(p.Pitch)).ToList();
        var points = new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "markers",
            ["name"] = "pitch",
            ["x"] = Numbers(voiced.Select(p => p.Time)),
            ["y"] = Numbers(voiced.Select(p => Math.Round(p.Pitch, 1))),
        };
        return new Chart(title, [points], Axes("time (s)", "pitch (Hz)"), 800, 350);
    }

    private static JsonObject Bars(IEnumerable<string> keys, IEnumerable<double> values, string? name = null)
    {
        var bars = new JsonObject { ["type"] = "bar", ["x"] = Strings(keys), ["y"] = Numbers(values) };
        if (name is not null)
            bars["name"] = name;
        return bars;
    }

    private static JsonObject Line(IEnumerable<string> x, IEnumerable<double> y, string name, bool markers = true) => new()
    {
        ["type"] = "scatter",
        ["mode"] = markers ? "lines+markers" : "lines",
        ["name"] = name,
        ["x"] = Strings(x),
        ["y"] = Numbers(y),
    };

    private static JsonObject Axes(string x, string y) => new()
    {
        ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = x }, ["automargin"] = true },
        ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = y }, ["automargin"] = true },
    };

    // plotly.js draws null as a gap; JSON has no NaN or infinity.
    private static JsonArray Numbers(IEnumerable<double> values) => [.. values.Select(v => double.IsFinite(v) ? (JsonNode)JsonValue.Create(v) : null)];

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
}
