using System.Text;
using Plotly.NET;

namespace Emotion.Reporting;

/// <summary>
/// Offline rendering of Plotly.NET charts: plotly.js comes from the copy Plotly.NET carries, never
/// from a CDN. In a notebook, display <see cref="NotebookSetup"/> once, then each chart's
/// <see cref="ToHtml"/>; for files, <see cref="WritePage"/> writes a page beside one shared script.
/// </summary>
public static class ChartHtml
{
    /// <summary>The plotly.js file name, as Plotly.NET embeds it.</summary>
    public const string ScriptFileName = "plotly-2.28.0.min.js";

    /// <summary>Marks the inline script so report writers can swap it for a reference to one shared file.</summary>
    public const string InlineMarker = "<!-- plotly.js inline -->";

    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream("Plotly.NET." + ScriptFileName)
            ?? throw new InvalidOperationException($"Plotly.NET does not carry {ScriptFileName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>
    /// HTML that defines <c>window.Plotly</c> from the inlined script. AMD loaders (Jupyter's
    /// require.js) are hidden while it runs so that plotly.js sets the global instead of registering a module.
    /// </summary>
    public static string NotebookSetup() =>
        $"{InlineMarker}<script>var __define = window.define; window.define = undefined;</script><script>{Script.Value}</script><script>window.define = __define;</script>";

    /// <summary>The same setup, loading plotly.js from <paramref name="relativePath"/> instead of inlining it.</summary>
    public static string ScriptReference(string relativePath) =>
        $"<script>var __define = window.define; window.define = undefined;</script><script src=\"{relativePath}\"></script><script>window.define = __define;</script>";

    /// <summary>The chart as a div and a script that draws it once <c>window.Plotly</c> exists.</summary>
    public static string ToHtml(this GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        // Plotly.NET's fragment calls Plotly.newPlot at once; wait for the setup script if it has not run yet.
        string fragment = GenericChart.toChartHTML(chart);
        return fragment.Replace("renderPlotly_", "__renderPlotly_", StringComparison.Ordinal)
            .Replace("\n__renderPlotly_", "\n(function wait(f){ window.Plotly ? f() : setTimeout(function(){ wait(f); }, 50); })(__renderPlotly_", StringComparison.Ordinal)
            .Replace("();\n</script>", ");\n</script>", StringComparison.Ordinal);
    }

    /// <summary>Writes the plotly.js file into <paramref name="directory"/> unless it is there.</summary>
    public static string WriteScript(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, ScriptFileName);
        if (!File.Exists(path))
            File.WriteAllText(path, Script.Value);
        return path;
    }

    /// <summary>Writes an HTML page of <paramref name="charts"/> to <paramref name="path"/>, with plotly.js beside it in <c>assets/</c>.</summary>
    public static void WritePage(string path, string title, IEnumerable<GenericChart> charts)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(charts);
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        WriteScript(Path.Combine(directory, "assets"));
        var page = new StringBuilder()
            .Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(System.Net.WebUtility.HtmlEncode(title)).Append("</title>")
            .Append(ScriptReference("assets/" + ScriptFileName))
            .Append("</head><body style=\"font-family: sans-serif\"><h1>").Append(System.Net.WebUtility.HtmlEncode(title)).Append("</h1>");
        foreach (var chart in charts)
            page.Append(chart.ToHtml());
        File.WriteAllText(path, page.Append("</body></html>").ToString());
    }
}
