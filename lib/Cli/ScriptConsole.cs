using Spectre.Console;

namespace Emotion.Cli;

/// <summary>Console set-up shared by the scripts.</summary>
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
}
