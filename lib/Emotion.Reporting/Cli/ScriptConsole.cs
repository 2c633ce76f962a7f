using Emotion.Analysis;
using Emotion.Reporting;
using Spectre.Console;

namespace Emotion.Cli;

/// <summary>Console set-up, settings, errors, pages and tables shared by the scripts.</summary>
public static class ScriptConsole
{
    /// <summary>
    /// Prepares the console and returns the analysis settings of the checkout the running script
    /// belongs to (<c>scripts/..</c>), whatever the working directory, with the environment's overrides.
    /// </summary>
    public static AnalysisSettings Initialize()
    {
        // When output goes to a file or a CI log, Spectre.Console assumes 80 columns and wraps
        // mid-sentence; widen it so each message stays one line that tools can grep.
        if (Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = 240;
        // .NET file-based apps name their own folder; anything else runs from the checkout.
        string scripts = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Path.Combine(Environment.CurrentDirectory, "scripts");
        return AnalysisSettings.FromEnvironment(Path.Combine(scripts, ".."));
    }

    /// <summary>
    /// Runs a script's body; a problem with the user's input (a missing file, bad data, unreadable
    /// audio, an unusable bundle) becomes one red line and exit code 1 instead of a stack trace.
    /// </summary>
    public static int Guard(Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Guard(() =>
        {
            body();
            return 0;
        });
    }

    /// <inheritdoc cref="Guard(Action)"/>
    public static int Guard(Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (Exception e) when (Step.IsUsersProblem(e))
        {
            Error(Step.Problem(e));
            return 1;
        }
    }

    /// <summary>Prints one red error line.</summary>
    public static void Error(string message) => AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {message}");

    /// <summary>
    /// Saves a step's <paramref name="page"/> at <paramref name="markdownPath"/> (and its <c>.html</c>
    /// beside it) and prints its text; exit code 0, or 1 with the reason when the step did not run.
    /// </summary>
    public static int Publish<T>(StepOutcome<T> outcome, ReportPage page, string markdownPath)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(page);
        if (!outcome.Succeeded)
        {
            Error(outcome.Problem!);
            return 1;
        }
        page.Save(markdownPath);
        AnsiConsole.WriteLine(page.Report.ToString());
        AnsiConsole.MarkupLineInterpolated($"[green]report[/] written to {markdownPath} (charts: {Path.ChangeExtension(markdownPath, ".html")})");
        return 0;
    }

    /// <summary>Prints a two-column table.</summary>
    public static void Table(string title, IEnumerable<(string Key, string Value)> rows)
    {
        var table = new Table().Title(title).AddColumns("", "");
        table.ShowHeaders = false;
        foreach (var (key, value) in rows)
            table.AddRow(Markup.Escape(key), Markup.Escape(value));
        AnsiConsole.Write(table);
    }
}
