using System.Net;
using System.Text;

namespace Emotion.Reporting;

/// <summary>
/// What one analysis step shows: its markdown report and its charts, in that order. A notebook
/// renders it when a cell's value is a page; a script saves it as <c>.md</c> (the text, for the
/// README and diffs) and <c>.html</c> (text and charts, offline, plotly.js in <c>assets/</c>).
/// </summary>
[TypeFormatterSource(typeof(HtmlFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class ReportPage : IHtmlDisplay
{
    /// <summary>Readable text and tables in a browser, as the executed notebooks' pages have it.</summary>
    internal const string PageStyle = "<style>body{font-family:sans-serif;max-width:1100px;margin:auto;padding:0 1em} pre{background:#f5f5f5;padding:8px;overflow:auto} table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:2px 6px}</style>";

    /// <summary>A page of <paramref name="report"/> and <paramref name="charts"/>.</summary>
    public ReportPage(MarkdownReport report, IReadOnlyList<Chart> charts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(charts);
        Report = report;
        Charts = charts;
    }

    /// <summary>The text.</summary>
    public MarkdownReport Report { get; }

    /// <summary>The charts, drawn after the text.</summary>
    public IReadOnlyList<Chart> Charts { get; }

    /// <summary>A page that only says why a step could not run.</summary>
    public static ReportPage NotRun(string title, string reason) =>
        new(new MarkdownReport(title).Paragraph($"**Not run:** {reason}"), []);

    /// <inheritdoc/>
    public string ToHtml() => Report.ToHtml() + string.Concat(Charts.Select(c => c.ToHtml()));

    /// <summary>
    /// Writes <paramref name="markdownPath"/> (the text) and the same path with <c>.html</c> (text and
    /// charts), each through a temporary file, with plotly.js in an <c>assets</c> folder beside them.
    /// </summary>
    public void Save(string markdownPath)
    {
        ArgumentNullException.ThrowIfNull(markdownPath);
        string full = Path.GetFullPath(markdownPath);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(full, Report.ToString());
        PlotlyScript.WriteTo(Path.Combine(directory, "assets"));
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(Report.Title)).Append("</title>")
            .Append(PageStyle)
            .Append(PlotlyScript.Reference("assets/" + PlotlyScript.FileName).ToHtml())
            .Append("</head><body>").Append(ToHtml()).Append("</body></html>");
        AtomicFile.WriteAllText(Path.ChangeExtension(full, ".html"), html.ToString());
    }

    /// <inheritdoc/>
    public override string ToString() => Report.ToString();
}
