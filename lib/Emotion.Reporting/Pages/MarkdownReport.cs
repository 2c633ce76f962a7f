using System.Globalization;
using System.Text;
using Emotion.Bundle;
using Emotion.Evaluation;
using Markdig;

namespace Emotion.Reporting;

/// <summary>
/// Builds a markdown report of evaluation results, for <c>reports/</c> and the README. A notebook
/// shows it rendered (tables included) when a cell's value is a report.
/// </summary>
[TypeFormatterSource(typeof(HtmlFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class MarkdownReport : IHtmlDisplay
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    private readonly StringBuilder _text = new();

    /// <summary>Starts a report with a title.</summary>
    public MarkdownReport(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Title = title;
        _text.Append("# ").AppendLine(title).AppendLine();
    }

    /// <summary>The report's title.</summary>
    public string Title { get; }

    /// <summary>Adds a section heading.</summary>
    public MarkdownReport Heading(string text)
    {
        _text.Append("## ").AppendLine(text).AppendLine();
        return this;
    }

    /// <summary>Adds a paragraph.</summary>
    public MarkdownReport Paragraph(string text)
    {
        _text.AppendLine(text).AppendLine();
        return this;
    }

    /// <summary>Adds a table of models under both protocols.</summary>
    public MarkdownReport Comparisons(IEnumerable<(string Name, ProtocolComparison Result)> rows)
    {
        _text.AppendLine("| model | reference: CV on 80% (acc) | reference: 20% test acc | reference: 20% test UAR | speaker-independent acc | speaker-independent UAR |")
             .AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, r) in rows)
        {
            _text.AppendLine(Invariant($"| {name} | {Percent(r.TrainCrossValidation.MeanAccuracy)} ± {Percent(r.TrainCrossValidation.AccuracySpread)} | {Percent(r.RandomSplitTest.Accuracy)} | {Percent(r.RandomSplitTest.UnweightedAverageRecall)} | {Percent(r.SpeakerIndependent.MeanAccuracy)} ± {Percent(r.SpeakerIndependent.AccuracySpread)} | {Percent(r.SpeakerIndependent.MeanUar)} ± {Percent(r.SpeakerIndependent.UarSpread)} |"));
        }
        _text.AppendLine();
        return this;
    }

    /// <summary>Adds a table of <see cref="SpeakerAdaptation"/> results by batch size, the single-clip recipe first, with each worst fold.</summary>
    public MarkdownReport Adaptation(AdaptationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _text.AppendLine("| clips per batch | UAR (all) | worst fold | accuracy (all) |").AppendLine("|---:|---:|---:|---:|");
        _text.AppendLine(Invariant($"| one clip at a time, no centring | {Percent(result.SingleClip.MeanUar)} ± {Percent(result.SingleClip.UarSpread)} | {Percent(result.SingleClip.Folds.Min(f => f.UnweightedAverageRecall))} | {Percent(result.SingleClip.MeanAccuracy)} ± {Percent(result.SingleClip.AccuracySpread)} |"));
        foreach (var p in result.Points)
            _text.AppendLine(Invariant($"| {p.BatchSize?.ToString(CultureInfo.InvariantCulture) ?? "all of the speaker's"} | {Percent(p.All.MeanUar)} ± {Percent(p.All.UarSpread)} | {Percent(p.All.Folds.Min(f => f.UnweightedAverageRecall))} | {Percent(p.All.MeanAccuracy)} ± {Percent(p.All.AccuracySpread)} |"));
        _text.AppendLine();
        return this;
    }

    /// <summary>Adds per-fold accuracy and UAR of a cross-validation.</summary>
    public MarkdownReport Folds(CrossValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _text.AppendLine("| fold | accuracy | UAR |").AppendLine("|---|---:|---:|");
        for (int i = 0; i < result.Folds.Count; i++)
            _text.AppendLine(Invariant($"| {result.FoldDescriptions[i]} | {Percent(result.Folds[i].Accuracy)} | {Percent(result.Folds[i].UnweightedAverageRecall)} |"));
        _text.AppendLine(Invariant($"| mean ± sd | {Percent(result.MeanAccuracy)} ± {Percent(result.AccuracySpread)} | {Percent(result.MeanUar)} ± {Percent(result.UarSpread)} |")).AppendLine();
        return this;
    }

    /// <summary>A model card's robustness: UAR under each condition with its worst fold, speech and song, calibration, another corpus.</summary>
    public MarkdownReport Robustness(RobustnessSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Paragraph($"{summary.Protocol}. Speech {Percent(summary.SpeechUar)} UAR{(summary.SongUar is double song ? $", song {Percent(song)}" : "")}; "
            + string.Create(CultureInfo.InvariantCulture, $"expected calibration error of the confidence {summary.ExpectedCalibrationError:F3}")
            + (summary.OtherCorpus is { } other ? $"; {other} (never trained on): {Percent(summary.OtherCorpusUar ?? 0)} UAR over its shared classes, {Percent(summary.OtherCorpusLenientUar ?? 0)} lenient (calm for neutral counted right)." : "."));
        return Paragraph("| condition | UAR | worst fold |" + Environment.NewLine + "|---|---:|---:|" + Environment.NewLine
            + string.Join(Environment.NewLine, summary.Conditions.Select(c => $"| {c.Condition} | {Percent(c.Uar)} | {Percent(c.WorstFoldUar)} |")));
    }

    /// <summary>Adds per-class precision, recall and F1, and the confusion matrix.</summary>
    public MarkdownReport Classes(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _text.AppendLine("| emotion | precision | recall | F1 | support |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var c in report.PerClass)
            _text.AppendLine(Invariant($"| {c.Label} | {Percent(c.Precision)} | {Percent(c.Recall)} | {Percent(c.F1)} | {c.Support} |"));
        _text.AppendLine().AppendLine("Confusion matrix (rows actual, columns predicted):").AppendLine()
             .AppendLine("| | " + string.Join(" | ", report.Labels) + " |")
             .AppendLine("|---|" + string.Concat(report.Labels.Select(_ => "---:|")));
        for (int i = 0; i < report.Labels.Count; i++)
            _text.AppendLine($"| **{report.Labels[i]}** | " + string.Join(" | ", report.ConfusionMatrix[i]) + " |");
        _text.AppendLine();
        return this;
    }

    /// <summary>The markdown text.</summary>
    public override string ToString() => _text.ToString();

    /// <summary>The report as HTML (tables included), for notebooks and pages.</summary>
    public string ToHtml() => ToHtml(ToString());

    /// <summary>Renders any markdown as HTML, with GitHub-style tables.</summary>
    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);

    /// <summary>Writes the report to <paramref name="path"/> (through a temporary file).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToString());

    /// <summary>A fraction as a percentage with one decimal, e.g. <c>55.5%</c>.</summary>
    public static string Percent(double fraction) => (100 * fraction).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
