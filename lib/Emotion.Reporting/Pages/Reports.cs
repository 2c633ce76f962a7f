using System.Globalization;
using Emotion.Analysis;
using Emotion.Bundle;
using Emotion.Data;
using Emotion.Evaluation;
using static Emotion.Reporting.MarkdownReport;

namespace Emotion.Reporting;

/// <summary>
/// The page of each analysis step: what notebooks display and scripts save. A step that did not
/// run gives a page that says why, so a notebook on too little data still reads top to bottom.
/// </summary>
public static class Reports
{
    /// <summary>Step 01: clips found, extracted, from the cache, and any that could not be read.</summary>
    public static ReportPage Extraction(StepOutcome<ExtractionStep> outcome) => Page(outcome, "Extract features", step =>
    {
        var (catalog, extraction) = (step.Catalog, step.Extraction);
        var report = new MarkdownReport("Extract features")
            .Paragraph($"{catalog.Clips.Count} clips under `{catalog.Root}` ({catalog.Layout} layout, {catalog.Unlabelled.Count} without a label). "
                + $"{extraction.Clips.Count} extracted ({extraction.CacheHits} from the cache) in {extraction.Elapsed.TotalSeconds:F1} s into `{step.Output}`; {extraction.Failures.Count} could not be read.");
        if (extraction.Failures.Count > 0)
            report.Heading("Clips that could not be read").Paragraph(string.Join(Environment.NewLine, extraction.Failures.Select(f => $"- `{f.Clip.RelativePath}`: {f.Reason}")));
        return new ReportPage(report, []);
    });

    /// <summary>Step 02: rows before and after cleaning, and the first rows of the clean table.</summary>
    public static ReportPage Cleaning(StepOutcome<CleaningResult> outcome) => Page(outcome, "Clean", cleaning => new ReportPage(
        new MarkdownReport("Clean")
            .Paragraph($"{cleaning.RowsBefore} rows read; {cleaning.ValuesCoerced} non-numeric feature values became missing; {cleaning.RowsDropped} rows dropped for a missing value or label; **{cleaning.RowsAfter} kept**, renumbered from 0.")
            .Heading("The first rows")
            .Paragraph("```" + Environment.NewLine + cleaning.Data.Head(5).ToString().TrimEnd() + Environment.NewLine + "```"), []));

    /// <summary>Step 03: clips per emotion (overall, speech and song, gender).</summary>
    public static ReportPage ClassBalance(StepOutcome<FeatureTable> outcome) => Page(outcome, "Class balance", table => new ReportPage(
        new MarkdownReport("Class balance").Paragraph(CountsTable(table)),
        [Charts.ClassCounts(table), Charts.ClassCounts(table, "vocal_channel"), Charts.ClassCounts(table, "gender")]));

    /// <summary>Step 03: histograms of every feature, 20 to a grid.</summary>
    public static ReportPage Distributions(StepOutcome<FeatureTable> outcome) => Page(outcome, "Feature distributions", table => new ReportPage(
        new MarkdownReport("Feature distributions").Paragraph($"{table.Rows.Count} clips, {table.FeatureNames.Count} features, 20 to a grid."),
        [.. Enumerable.Range(0, (table.FeatureNames.Count + 19) / 20).Select(b => Charts.FeatureHistograms(table, 20 * b, 20))]));

    /// <summary>Step 04: clips per emotion before and after balancing.</summary>
    public static ReportPage Balance(StepOutcome<BalanceStep> outcome) => Page(outcome, "Balance", step =>
    {
        var after = step.After.ClassCounts().ToDictionary(c => c.Label, c => c.Count);
        return new ReportPage(
            new MarkdownReport("Balance")
                .Paragraph($"{step.Before.Rows.Count} clips -> {step.After.Rows.Count}: every emotion downsampled at random to the smallest, then shuffled.")
                .Paragraph("| emotion | before | after |" + Environment.NewLine + "|---|---:|---:|" + Environment.NewLine
                    + string.Join(Environment.NewLine, step.Before.ClassCounts().Select(c => $"| {c.Label} | {c.Count} | {after.GetValueOrDefault(c.Label)} |"))),
            [Charts.ClassCounts(step.Before), Charts.ClassCounts(step.After)]);
    });

    /// <summary>Step 05: both models under both evaluations, the forest's folds, and the charts.</summary>
    public static ReportPage Baseline(StepOutcome<BaselineResult> outcome, int seed) => Page(outcome, "Baseline: random forest and SVM", result => new ReportPage(
        new MarkdownReport("Baseline: random forest and SVM")
            .Paragraph($"{result.Forest.SpeakerIndependent.Pooled.Count} balanced clips, seed {seed}. Reference protocol: stratified random 80/20 split; speaker-independent: 5 folds of actors.")
            .Comparisons(result.Models)
            .Heading("Random forest, speaker-independent folds").Folds(result.Forest.SpeakerIndependent),
        [
            Charts.Scores([.. result.Models.SelectMany(m => new[]
            {
                ($"{m.Name}: random split", m.Result.RandomSplitTest.Accuracy, m.Result.RandomSplitTest.UnweightedAverageRecall),
                ($"{m.Name}: by actor", m.Result.SpeakerIndependent.MeanAccuracy, m.Result.SpeakerIndependent.MeanUar),
            })], "Both evaluations"),
            Charts.ConfusionMatrix(result.Forest.SpeakerIndependent.Pooled, "Random forest, speaker-independent"),
        ]));

    /// <summary>Step 06 (and the bundled model's training): the search, the winner both ways, per-class metrics and confusion matrices.</summary>
    public static ReportPage Tuning(StepOutcome<TuningResult> outcome, int seed, string title = "Grid-searched random forest") => Page(outcome, title, result =>
    {
        var all = result.Best.SpeakerIndependent;
        var report = new MarkdownReport(title)
            .Paragraph($"Features: {result.Bundle.Features.FeatureNames.Count} ({result.Bundle.Card.Features.Fingerprint}). Grid of {result.Search.Ranked.Count} candidates, 5-fold stratified CV on the 80% split of the balanced clips, seed {seed}. Best: `{result.Search.Best.Describe()}` (CV accuracy {Percent(result.Search.BestResult.MeanAccuracy)}).")
            .Comparisons([(result.Search.Best.Describe(), result.Best)])
            .Heading($"Speaker-independent, all {all.Pooled.Count} clips (the bundled model's setting)").Folds(all).Classes(all.Pooled)
            .Heading("Reference protocol: 20% test split").Classes(result.Best.RandomSplitTest)
            .Heading("Top of the grid")
            .Paragraph(string.Join(Environment.NewLine, result.Search.Ranked.Take(10).Select(r => $"- {Percent(r.Result.MeanAccuracy)} ± {Percent(r.Result.AccuracySpread)}: `{r.Options.Describe()}`")));
        var charts = new List<Chart>
        {
            Charts.Scores([("random split, 20% test", result.Best.RandomSplitTest.Accuracy, result.Best.RandomSplitTest.UnweightedAverageRecall), ("speaker-independent, all clips", all.MeanAccuracy, all.MeanUar)], "Both evaluations"),
            Charts.ConfusionMatrix(result.Best.RandomSplitTest, "Reference protocol, 20% test"),
            Charts.ConfusionMatrix(all.Pooled, "Speaker-independent, pooled over folds"),
        };
        if (result.Robustness is { } robustness && result.Bundle.Card.Robustness is { } summary)
        {
            report.Heading("Beyond the studio").Robustness(summary);
            charts.Add(Charts.Conditions([("bundled model", robustness.Conditions)]));
            charts.Add(Charts.Reliability(robustness.Conditions.Reliability, "Calibrated confidence on held-out speakers"));
            if (robustness.Other is { } other)
                charts.Add(Charts.ConfusionMatrix(other.Report, $"{summary.OtherCorpus}, shared classes"));
        }
        return new ReportPage(report, charts);
    });

    /// <summary>Step 07: the most important features on held-out actors.</summary>
    public static ReportPage Importance(StepOutcome<ImportanceStep> outcome) => Page(outcome, "Feature importance", step => new ReportPage(
        new MarkdownReport("Feature importance")
            .Paragraph($"`{step.Model.Describe()}`, trained without {step.HeldOut} and measured on them: accuracy lost when each feature is shuffled.")
            .Paragraph("| feature | accuracy lost (points) |" + Environment.NewLine + "|---|---:|" + Environment.NewLine
                + string.Join(Environment.NewLine, step.Importances.Take(10).Select(i => FormattableString.Invariant($"| {i.Feature} | {100 * i.Mean:F1} ± {100 * i.Spread:F1} |")))),
        [Charts.Importance(step.Importances)]));

    /// <summary>The speaker-independent results table and, per candidate, its folds and pooled confusion matrix.</summary>
    public static ReportPage Comparison(IReadOnlyList<ComparisonRow> results, string corpus, int seed)
    {
        ArgumentNullException.ThrowIfNull(results);
        var report = new MarkdownReport("Speaker-independent results")
            .Paragraph($"{corpus}; 5-fold cross-validation grouped by actor (actors 1-4, 5-8, ...), seed {seed}. Speech alone is the same protocol on the speech clips only.")
            .Paragraph("| candidate | features | UAR (all) | accuracy (all) | UAR (speech alone) | time (s) |" + Environment.NewLine + "|---|---:|---:|---:|---:|---:|" + Environment.NewLine
                + string.Join(Environment.NewLine, results.Select(r =>
                    $"| {r.Candidate.Name} | {r.FeatureCount} | {Percent(r.All.MeanUar)} ± {Percent(r.All.UarSpread)} | {Percent(r.All.MeanAccuracy)} ± {Percent(r.All.AccuracySpread)} | {Percent(r.Speech.MeanUar)} ± {Percent(r.Speech.UarSpread)} | {r.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} |")));
        foreach (var row in results)
            report.Heading($"{row.Candidate.Name}: `{row.Candidate.Model.Describe()}`").Folds(row.All).Classes(row.All.Pooled);
        return new ReportPage(report,
        [
            Charts.Scores([.. results.Select(r => (r.Candidate.Name, r.All.MeanAccuracy, r.All.MeanUar))], "Speaker-independent: mean over actor folds"),
            Charts.FoldUar(results),
        ]);
    }

    /// <summary>Step 08: the comparison, with each candidate's folds and the bundled recipe's confusion matrix.</summary>
    public static ReportPage Comparison(StepOutcome<ComparisonStep> outcome, int seed) => Page(outcome, "Speaker-independent results", step =>
    {
        var page = Comparison(step.Rows, $"{step.Clips} clips", seed);
        return new ReportPage(page.Report, [.. page.Charts, Charts.ConfusionMatrix(step.Default.All.Pooled, "Default recipe, held-out actors")]);
    });

    /// <summary>Step 08: UAR by clips of a speaker centred together, beside one clip at a time.</summary>
    public static ReportPage Adaptation(StepOutcome<AdaptationResult> outcome, int seed) => Page(outcome, "Speaker centring by clips per speaker", result => new ReportPage(
        new MarkdownReport("Speaker centring by clips per speaker")
            .Paragraph($"The bundled recipe with each speaker's rows centred on their mean (`SpeakerCentringOptions`), fitted on each actor fold's training speakers (degraded copies of their clips beside them); each held-out speaker's recorded clips shuffled into batches of k, each batch centred on its own mean. The first row is the same recipe without centring, one clip at a time, on the same folds. {result.SingleClip.Folds.Count} folds, seed {seed}.")
            .Adaptation(result),
        [Charts.Adaptation(result.Points, result.SingleClip.MeanUar)]));

    /// <summary>Held-out speakers on the sentence training never heard, by feature set.</summary>
    public static ReportPage UnheardSentence(StepOutcome<IReadOnlyList<(string Name, CrossValidationResult Result)>> outcome, int seed) =>
        Page(outcome, "Held-out speakers, unheard sentence", results =>
        {
            var report = new MarkdownReport("Held-out speakers, unheard sentence")
                .Paragraph($"The 5 actor folds, each trained on one statement of the training actors and tested on the other statement of the held-out actors (10 folds, seed {seed}); RBF kernel ridge.");
            foreach (var (name, result) in results)
                report.Heading(name).Folds(result);
            return new ReportPage(report, []);
        });

    /// <summary>A bundle's card: the model, both evaluations, how it holds up beyond the studio, the training data.</summary>
    public static ReportPage Card(StepOutcome<ModelCard> outcome) => Page(outcome, "Model card", card =>
    {
        var report = new MarkdownReport("Model card")
            .Paragraph($"`{card.Model.Describe()}` on {card.Features.Names.Count} features, trained {card.Created:yyyy-MM-dd} on {card.Training.Description}.")
            .Paragraph("| evaluation | accuracy | UAR | clips |" + Environment.NewLine + "|---|---:|---:|---:|" + Environment.NewLine
                + string.Join(Environment.NewLine, new[] { card.SpeakerIndependent, card.ReferenceProtocol }.Select(m =>
                    $"| {m.Protocol} | {Percent(m.Accuracy)}{Spread(m.AccuracySpread)} | {Percent(m.UnweightedAverageRecall)}{Spread(m.UarSpread)} | {m.Examples} |")));
        if (card.Robustness is { } robustness)
            report.Heading("Beyond the studio").Robustness(robustness);
        return new ReportPage(report, []);
    });

    /// <summary>
    /// Step 09: the robustness table. Each recipe's whole-table score, confidence reliability, speech
    /// and song, the other corpus; then every condition's mean and worst fold; plots of the conditions,
    /// the bundled recipe's reliability and every recipe's answers on the other corpus.
    /// </summary>
    public static ReportPage Robustness(StepOutcome<RobustnessStep> outcome, int seed) => Page(outcome, "Beyond the studio: conditions, calibration, another corpus", step =>
    {
        var rows = step.Rows;
        string other = step.Other ?? "another corpus";
        string Key(int i) => $"R{i + 1}";
        var report = new MarkdownReport("Beyond the studio: conditions, calibration, another corpus")
            .Paragraph($"{step.Clips} RAVDESS clips in 5 speaker-independent folds (actors 1-4, 5-8, ...), seed {seed}. Each recipe trains on a fold's training speakers "
                + "(and, where it says so, degraded copies of each training clip through random channels: band limits, codecs, noise, babble of the fold's own training speakers, rooms, microphone colour, gain, speed) "
                + "and is tested on the held-out speakers' clips as recorded and under each condition below, with noises and rooms drawn from a seed stream training never used. "
                + $"{(step.Other is null ? "No other corpus was at hand." : $"Then it is fitted on every clip and tested on {other}, which no recipe trains on: UAR over the classes it shares, restricted to them; lenient takes the model's own answer, with calm for a neutral clip counted right.")} "
                + "Score: the mean of clean UAR, the mean UAR over the conditions and the other corpus's UAR. ECE: expected calibration error of the stated confidence on held-out clean clips.")
            .Paragraph("| | recipe | score | clean UAR (worst fold) | conditions UAR | speech | song | ECE | " + $"{other} UAR | {other} lenient |" + Environment.NewLine
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|" + Environment.NewLine
                + string.Join(Environment.NewLine, rows.Select((r, i) =>
                    $"| {Key(i)} | {r.Candidate.Name} | {Percent(r.Score)} | {Percent(r.Conditions.Clean.MeanUar)} ({Percent(r.Conditions.Clean.WorstUar)}) | {Percent(r.Conditions.DegradedUar)} | "
                    + $"{Percent(r.Conditions.Speech.UnweightedAverageRecall)} | {(r.Conditions.Song is { } song ? Percent(song.UnweightedAverageRecall) : "-")} | "
                    + FormattableString.Invariant($"{r.Conditions.Reliability.ExpectedCalibrationError:F3} | ")
                    + $"{(r.Other is { } o ? Percent(o.Report.UnweightedAverageRecall) : "-")} | {(r.Other is { } l ? Percent(l.Lenient.UnweightedAverageRecall) : "-")} |")))
            .Heading("Held-out speakers under each condition: mean UAR (worst fold)")
            .Paragraph("| condition | " + string.Join(" | ", rows.Select((_, i) => Key(i))) + " |" + Environment.NewLine
                + "|---|" + string.Concat(rows.Select(_ => "---:|")) + Environment.NewLine
                + string.Join(Environment.NewLine, rows[0].Conditions.Conditions.Select((c, k) =>
                    $"| {c.Condition} | " + string.Join(" | ", rows.Select(r => $"{Percent(r.Conditions.Conditions[k].MeanUar)} ({Percent(r.Conditions.Conditions[k].WorstUar)})")) + " |")));
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            report.Heading($"{Key(i)}: `{row.Candidate.Pipeline.Describe()}`")
                .Paragraph($"Features: {row.Candidate.Features.Sets.Count} sets, {(row.Candidate.Features.Mfcc.HighFrequency is double top ? FormattableString.Invariant($"0-{top / 1000:0.#} kHz") : "full band")}; "
                    + (row.Candidate.Augmentation is { } a ? $"{a.Copies} degraded copies of each training clip." : "studio clips only."));
            if (row.Other is { } corpus)
                report.Paragraph($"{other}: top answers " + string.Join(", ", corpus.Predicted.Where(p => p.Count > 0).OrderByDescending(p => p.Count).Select(p => $"{p.Label} {p.Count}")) + ".");
        }
        var bundled = rows[^1];
        var charts = new List<Chart>
        {
            Charts.Conditions([.. rows.Select((r, i) => (Key(i), r.Conditions))]),
            Charts.Reliability(bundled.Conditions.Reliability, $"{Key(rows.Count - 1)} on held-out speakers"),
        };
        if (bundled.Other is { } bundledOther)
        {
            charts.Add(Charts.Answers([.. rows.Select((r, i) => (Key(i), r.Other)).Where(r => r.Other is not null).Select(r => (r.Item1, r.Other!))], other));
            charts.Add(Charts.ConfusionMatrix(bundledOther.Report, $"{Key(rows.Count - 1)} on {other}, shared classes"));
        }
        return new ReportPage(report, charts);
    });

    /// <summary>A bundle on another corpus: shared classes, scores against chance, per-class metrics and confusion.</summary>
    public static ReportPage CorpusEvaluation(CorpusEvaluationResult result, string modelName)
    {
        ArgumentNullException.ThrowIfNull(result);
        var r = result.Report;
        var report = new MarkdownReport($"Cross-corpus evaluation: {Path.GetFileName(result.Corpus.TrimEnd('/', '\\'))}")
            .Paragraph($"Model `{modelName}` on `{result.Corpus}` ({r.Count} clips of {result.Shared.Count} shared classes; {result.Failures.Count} unreadable). Predictions are restricted to the shared classes.")
            .Paragraph($"**UAR {Percent(r.UnweightedAverageRecall)}** (chance {Percent(result.Chance)}), accuracy {Percent(r.Accuracy)}, macro F1 {Percent(r.MacroF1)}.")
            .Heading("Labels")
            .Paragraph("| corpus label | clips | model label |" + Environment.NewLine + "|---|---:|---|" + Environment.NewLine
                + string.Join(Environment.NewLine, result.Mapping.Select(m => $"| {m.CorpusLabel} | {m.Clips} | {m.ModelLabel ?? "(not shared: left out)"} |")))
            .Heading("Shared classes").Classes(r);
        if (result.Failures.Count > 0)
            report.Heading("Unreadable clips").Paragraph(string.Join(Environment.NewLine, result.Failures.Select(f => $"- `{f.Clip.RelativePath}`: {f.Reason}")));
        return new ReportPage(report, [Charts.ConfusionMatrix(r, "Shared classes")]);
    }

    private static ReportPage Page<T>(StepOutcome<T> outcome, string title, Func<T, ReportPage> page)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Succeeded ? page(outcome.Value) : ReportPage.NotRun(title, outcome.Problem!);
    }

    private static string Spread(double? spread) => spread is double s ? $" ± {Percent(s)}" : "";

    private static string CountsTable(FeatureTable table) =>
        "| emotion | clips |" + Environment.NewLine + "|---|---:|" + Environment.NewLine
        + string.Join(Environment.NewLine, table.ClassCounts().Select(c => $"| {c.Label} | {c.Count} |"));
}
