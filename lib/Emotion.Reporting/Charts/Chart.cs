using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Emotion.Reporting;

/// <summary>
/// One interactive plotly.js figure: its traces and layout as plotly's own JSON. Made by
/// <see cref="Charts"/>; shown as HTML (<see cref="ToHtml"/>), which a notebook displays on its own
/// when a cell's value is a chart, and which draws once plotly.js is on the page
/// (<see cref="PlotlyScript"/>). Immutable.
/// </summary>
/// <remarks>
/// plotly.js's JSON is written directly rather than through Plotly.NET: Plotly.NET needs newer
/// FSharp.Core and Giraffe assemblies than the notebook kernel carries, so it cannot load there.
/// </remarks>
[TypeFormatterSource(typeof(HtmlFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class Chart : IHtmlDisplay
{
    /// <summary>Marks each chart's container, so that tools can count the charts in a page or notebook.</summary>
    public const string CssClass = "emotion-chart";

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    private readonly JsonArray _traces;
    private readonly JsonObject _layout;

    internal Chart(string title, IEnumerable<JsonObject> traces, JsonObject layout, int width, int height)
    {
        Title = title;
        Width = width;
        Height = height;
        _traces = [.. traces];
        _layout = layout;
        _layout["title"] = new JsonObject { ["text"] = title };
        _layout["width"] = width;
        _layout["height"] = height;
    }

    /// <summary>The chart's title.</summary>
    public string Title { get; }

    /// <summary>Width in CSS pixels.</summary>
    public int Width { get; }

    /// <summary>Height in CSS pixels.</summary>
    public int Height { get; }

    /// <summary>Number of traces (bar groups, lines, histograms, heatmaps).</summary>
    public int TraceCount => _traces.Count;

    /// <summary>The figure as plotly.js reads it: <c>{"data": [...], "layout": {...}}</c>.</summary>
    public string ToJson() => new JsonObject
    {
        ["data"] = _traces.DeepClone(),
        ["layout"] = _layout.DeepClone(),
    }.ToJsonString(Compact);

    /// <summary>
    /// A <c>div</c> and a script that draws the figure into it as soon as <c>window.Plotly</c>
    /// exists, so the chart may come before or after the page's <see cref="PlotlyScript"/>.
    /// </summary>
    public string ToHtml()
    {
        string id = "emotion-chart-" + Guid.NewGuid().ToString("N");
        // "</" cannot appear inside a script element; JSON allows the escaped solidus.
        string figure = ToJson().Replace("</", "<\\/", StringComparison.Ordinal);
        return string.Create(CultureInfo.InvariantCulture,
            $"<div id=\"{id}\" class=\"{CssClass}\" title=\"{WebUtility.HtmlEncode(Title)}\" style=\"width:{Width}px;max-width:100%;height:{Height}px\"></div>" +
            $"<script>(function(){{var f={figure};(function draw(){{if(window.Plotly){{window.Plotly.newPlot('{id}',f.data,f.layout,{{responsive:true,displaylogo:false}});}}else{{setTimeout(draw,50);}}}})();}})();</script>");
    }

    /// <inheritdoc/>
    public override string ToString() => $"chart: {Title}";
}
