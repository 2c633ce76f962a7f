using System.Reflection;

namespace Emotion.Reporting;

/// <summary>
/// plotly.js itself, which draws every <see cref="Chart"/>: a copy ships inside this assembly
/// (plotly.js 2.28.0, MIT licence), so charts render offline and nothing is fetched from a CDN.
/// Display <see cref="Inline"/> once in a notebook; pages written to disk load one shared file
/// (<see cref="Reference"/>, <see cref="WriteTo"/>).
/// </summary>
[TypeFormatterSource(typeof(HtmlFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class PlotlyScript : IHtmlDisplay
{
    /// <summary>The file name of the shipped plotly.js.</summary>
    public const string FileName = "plotly-2.28.0.min.js";

    /// <summary>Starts the HTML of <see cref="Inline"/>, so tools can swap it for a <see cref="Reference"/>.</summary>
    public const string InlineMarker = "<!-- plotly.js inline -->";

    private static readonly Lazy<string> Source = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(FileName)
            ?? throw new InvalidOperationException($"{FileName} is missing from {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private readonly string _html;

    private PlotlyScript(string html) => _html = html;

    /// <summary>The whole library in a script element (3.6 MB): for a notebook, once, before or after its charts.</summary>
    public static PlotlyScript Inline { get; } = new(InlineMarker + Hidden($"<script>{Source.Value}</script>"));

    /// <summary>A script element that loads plotly.js from <paramref name="relativePath"/> (a page beside <see cref="WriteTo"/>'s folder).</summary>
    public static PlotlyScript Reference(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return new(Hidden($"<script src=\"{System.Net.WebUtility.HtmlEncode(relativePath)}\"></script>"));
    }

    /// <summary>Writes plotly.js into <paramref name="directory"/> unless an identical copy is there; returns its path.</summary>
    public static string WriteTo(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path) || new FileInfo(path).Length != System.Text.Encoding.UTF8.GetByteCount(Source.Value))
            File.WriteAllText(path, Source.Value);
        return path;
    }

    /// <inheritdoc/>
    public string ToHtml() => _html;

    /// <inheritdoc/>
    public override string ToString() => $"plotly.js ({FileName})";

    // Jupyter pages carry an AMD loader (require.js); with `define` present plotly.js registers a
    // module instead of setting window.Plotly, so hide it while the library runs.
    private static string Hidden(string script) =>
        "<script>var __emotionDefine = window.define; window.define = undefined;</script>" + script + "<script>window.define = __emotionDefine;</script>";
}
