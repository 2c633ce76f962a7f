using Spectre.Console;

namespace Emotion.Cli;

/// <summary>
/// Shows a batch job's progress on the console for scripts: a live bar with files/s and time left
/// on a terminal, or a plain line every few seconds when output is redirected (CI logs).
/// </summary>
public static class ConsoleProgress
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="work"/>, rendering what it reports under <paramref name="title"/>, counting <paramref name="unit"/>.</summary>
    public static T Run<T>(string title, int total, Func<IProgress<BatchProgress>, T> work, string unit = "files")
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return work(new LogProgress(title, unit));

        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: Math.Max(1, total));
                return work(new BarProgress(task, title, unit));
            });
    }

    /// <summary>Formats a rate and time left, e.g. <c>1200/2036 (59%), 310 files/s, 3 s left</c>.</summary>
    public static string Describe(BatchProgress p, string unit = "files") =>
        $"{p.Completed}/{p.Total} ({100.0 * p.Completed / Math.Max(1, p.Total):F0}%), {Rate(p)} {unit}/s"
        + (p.Remaining is { } left ? $", {left.TotalSeconds:F0} s left" : "");

    /// <summary>Reports arrive from worker threads, possibly out of order: keep the furthest.</summary>
    // Slow batches (grid candidates) finish well under one item per second: show a decimal there.
    private static string Rate(BatchProgress p) => p.ItemsPerSecond >= 10 ? $"{p.ItemsPerSecond:F0}" : $"{p.ItemsPerSecond:F2}";

    private static string StageTitle(string title, BatchProgress value) => value.Stage is null ? title : $"{title}, {value.Stage}";

    private sealed class BarProgress(ProgressTask task, string title, string unit) : IProgress<BatchProgress>
    {
        private readonly Lock _gate = new();
        private int _shown = -1;
        private string? _stage;

        public void Report(BatchProgress value)
        {
            lock (_gate)
            {
                // A new stage counts from zero again.
                if (value.Stage != _stage)
                    (_stage, _shown) = (value.Stage, -1);
                if (value.Completed <= _shown)
                    return;
                _shown = value.Completed;
                // The work may learn the true total only once it starts (clips left after filtering).
                task.MaxValue = Math.Max(1, value.Total);
                task.Value = value.Completed;
                task.Description = $"{Markup.Escape(StageTitle(title, value))} [grey]{value.Completed}/{value.Total}, {Rate(value)} {unit}/s[/]";
            }
        }
    }

    private sealed class LogProgress(string title, string unit) : IProgress<BatchProgress>
    {
        private readonly Lock _gate = new();
        private TimeSpan _lastLogged;
        private string? _stage;

        public void Report(BatchProgress value)
        {
            lock (_gate)
            {
                bool finished = value.Completed == value.Total;
                if (value.Stage != _stage)
                    (_stage, _lastLogged) = (value.Stage, value.Elapsed - LogInterval);
                if (!finished && value.Elapsed - _lastLogged < LogInterval)
                    return;
                _lastLogged = value.Elapsed;
                Console.Error.WriteLine($"{StageTitle(title, value)}: {Describe(value, unit)}");
            }
        }
    }
}
