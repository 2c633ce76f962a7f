using Emotion.Audio;
using Emotion.Bundle;
using Spectre.Console;

namespace Emotion.Cli;

/// <summary>Console set-up, errors and tables shared by the scripts.</summary>
public static class ScriptConsole
{
    /// <summary>
    /// When output goes to a file or a CI log, Spectre.Console assumes 80 columns and wraps
    /// mid-sentence; widen it so each message stays one line that tools can grep.
    /// </summary>
    public static void Initialize()
    {
        if (Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = 240;
    }

    /// <summary>
    /// Runs a script's body; a problem with the user's input (a missing file, bad data, an unusable
    /// bundle) becomes one red line and exit code 1 instead of a stack trace.
    /// </summary>
    public static int Guard(Action body) => Guard(() =>
    {
        body();
        return 0;
    });

    /// <inheritdoc cref="Guard(Action)"/>
    public static int Guard(Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ModelBundleException or AudioFormatException or InvalidOperationException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }
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
