using Emotion.Data;
using Emotion.Evaluation;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace Emotion.Reporting;

/// <summary>
/// The analysis's plots as Plotly.NET charts. Display them with <see cref="ChartHtml"/>, which
/// renders offline.
/// </summary>
public static class Charts
{
    /// <summary>Clips per emotion as bars, optionally split by a metadata column (e.g. <c>vocal_channel</c>, <c>gender</c>).</summary>
    public static GenericChart ClassCounts(FeatureTable table, string? splitBy = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var labels = table.Labels;
        if (splitBy is null)
            return Titled(Chart.Column<int, string, string>(values: table.ClassCounts().Select(c => c.Count).ToArray(), Keys: labels.ToArray()), "Clips per emotion", "emotion", "clips");
        int column = IndexOfColumn(splitBy);
        var groups = table.Rows.Select(r => r.Metadata[column]).Distinct().Order(StringComparer.Ordinal).ToList();
        var bars = groups.Select(g => Chart.Column<int, string, string>(
            values: labels.Select(l => table.Rows.Count(r => r.Emotion == l && r.Metadata[column] == g)).ToArray(), Keys: labels.ToArray(), Name: g.Length == 0 ? "unknown" : g));
        return Titled(Chart.Combine(bars), $"Clips per emotion by {splitBy}", "emotion", "clips");
    }

    /// <summary>
    /// Histograms of features <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> − 1
    /// in a grid (the reference plotted the 80 MFCC statistics in batches).
    /// </summary>
    public static GenericChart FeatureHistograms(FeatureTable table, int first, int count)
    {
        ArgumentNullException.ThrowIfNull(table);
        int last = Math.Min(table.FeatureNames.Count, first + count);
        var charts = Enumerable.Range(first, last - first).Select(f => Chart.Histogram<float, float, string>(
            X: table.Rows.Select(r => r.Features[f]).ToArray(), Name: table.FeatureNames[f], ShowLegend: false)
            .WithXAxisStyle<double, double, string>(TitleText: table.FeatureNames[f]));
        int columns = 4;
        int rows = (last - first + columns - 1) / columns;
        var grid = Chart.Grid(charts, rows, columns).WithSize(1000, 220 * rows);
        return Plotly.NET.Chart.withTitle($"Distributions of {table.FeatureNames[first]}..{table.FeatureNames[last - 1]}", null).Invoke(grid);
    }

    /// <summary>The confusion matrix as a heatmap of row-normalised recall, actual emotions down, predicted across.</summary>
    public static GenericChart ConfusionMatrix(EvaluationReport report, string title)
    {
        ArgumentNullException.ThrowIfNull(report);
        var labels = report.Labels;
        var fractions = report.ConfusionMatrix.Select(row =>
        {
            double total = Math.Max(1, row.Sum());
            return (IEnumerable<double>)row.Select(v => Math.Round(v / total, 3)).ToArray();
        }).ToArray();
        var heatmap = Chart.Heatmap<double, string, string, string>(
            zData: fractions, X: labels.ToArray(), Y: labels.ToArray(), ColorScale: StyleParam.Colorscale.Viridis, ReverseYAxis: true);
        return Titled(heatmap, title + " (fraction of each actual emotion)", "predicted", "actual").WithSize(700, 600);
    }

    /// <summary>Permutation importances as a sorted horizontal bar chart with their spread.</summary>
    public static GenericChart Importance(IReadOnlyList<FeatureImportance> importances, int top = 30)
    {
        ArgumentNullException.ThrowIfNull(importances);
        var shown = importances.Take(top).Reverse().ToList();
        var bars = Chart.Bar<double, string, string>(values: shown.Select(i => i.Mean).ToArray(), Keys: shown.Select(i => i.Feature).ToArray());
        return Titled(bars, $"Permutation importance (top {shown.Count}): accuracy lost when a feature is shuffled", "mean drop in accuracy", "")
            .WithSize(800, 24 * shown.Count + 160);
    }

    /// <summary>Accuracy and UAR side by side for each labelled result (the two evaluations, or several models).</summary>
    public static GenericChart Scores(IReadOnlyList<(string Name, double Accuracy, double Uar)> results, string title)
    {
        ArgumentNullException.ThrowIfNull(results);
        var names = results.Select(r => r.Name).ToArray();
        return Titled(Chart.Combine(
            [
                Chart.Column<double, string, string>(values: results.Select(r => Math.Round(100 * r.Accuracy, 1)).ToArray(), Keys: names, Name: "accuracy %"),
                Chart.Column<double, string, string>(values: results.Select(r => Math.Round(100 * r.Uar, 1)).ToArray(), Keys: names, Name: "UAR %"),
            ]), title, "", "%");
    }

    /// <summary>Each candidate's UAR on every actor fold, one line per candidate: how much the held-out speakers move it.</summary>
    public static GenericChart FoldUar(IReadOnlyList<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var lines = rows.Select(r => Chart.Line<string, double, string>(
            x: r.All.FoldDescriptions.ToArray(), y: r.All.Folds.Select(f => Math.Round(100 * f.UnweightedAverageRecall, 1)).ToArray(), Name: r.Candidate.Name, ShowMarkers: true));
        return Titled(Chart.Combine(lines), "UAR on each fold of held-out actors", "held-out actors", "UAR %").WithSize(900, 450);
    }

    /// <summary>
    /// UAR against the number of a speaker's clips centred together (<see cref="SpeakerAdaptation"/>),
    /// all clips and speech alone, beside the single-clip model's UAR as a flat line.
    /// </summary>
    public static GenericChart Adaptation(IReadOnlyList<AdaptationPoint> points, double singleClipUar)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sizes = points.Select(p => p.BatchSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all").ToArray();
        return Titled(Chart.Combine(
            [
                Chart.Line<string, double, string>(x: sizes, y: points.Select(p => Math.Round(100 * p.All.MeanUar, 1)).ToArray(), Name: "speaker-centred, all clips", ShowMarkers: true),
                Chart.Line<string, double, string>(x: sizes, y: points.Select(p => Math.Round(100 * p.Speech.MeanUar, 1)).ToArray(), Name: "speaker-centred, speech clips", ShowMarkers: true),
                Chart.Line<string, double, string>(x: sizes, y: sizes.Select(_ => Math.Round(100 * singleClipUar, 1)).ToArray(), Name: "one clip at a time (bundled model)"),
            ]), "Speaker-independent UAR with a speaker's clips centred together", "clips of the speaker per batch", "UAR %").WithSize(900, 450);
    }

    /// <summary>The voiced frames' pitch over time, as a <see cref="Features.PitchTracker"/> found it.</summary>
    public static GenericChart Pitch(Features.PitchTrack track, string title)
    {
        ArgumentNullException.ThrowIfNull(track);
        var voiced = track.Frames.Select((f, i) => (Time: Math.Round(i * track.HopSeconds, 3), f.Pitch)).Where(p => !double.IsNaN(p.Pitch)).ToList();
        var points = Chart.Point<double, double, string>(x: voiced.Select(p => p.Time).ToArray(), y: voiced.Select(p => Math.Round(p.Pitch, 1)).ToArray(), Name: "pitch");
        return Titled(points, title, "time (s)", "pitch (Hz)").WithSize(800, 350);
    }

    private static GenericChart Titled(GenericChart chart, string title, string x, string y) =>
        Plotly.NET.Chart.withTitle(title, null).Invoke(chart)
            .WithXAxisStyle<double, double, string>(TitleText: x)
            .WithYAxisStyle<double, double, string>(TitleText: y);

    private static int IndexOfColumn(string name)
    {
        for (int i = 0; i < FeatureCsv.MetadataColumns.Count; i++)
        {
            if (FeatureCsv.MetadataColumns[i] == name)
                return i;
        }
        throw new ArgumentException($"'{name}' is not a metadata column ({string.Join(", ", FeatureCsv.MetadataColumns)}).", nameof(name));
    }
}
