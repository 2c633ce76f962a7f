namespace Emotion.Reporting;

/// <summary>Something this project shows as HTML: a chart, a report, plotly.js itself.</summary>
internal interface IHtmlDisplay
{
    /// <summary>The HTML fragment.</summary>
    string ToHtml();
}

/// <summary>
/// .NET Interactive's convention for formatters: a type marked with an attribute of this name
/// names a formatter source, and the kernel formats its values with it. The kernel matches the
/// attribute by name, so this library needs no reference to the kernel's assemblies, whose
/// versions belong to the kernel.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>The type whose <c>CreateTypeFormatters</c> the kernel calls.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types the kernel should prefer for the marked type.</summary>
    public string[] PreferredMimeTypes { get; set; } = [];
}

/// <summary>The formatter source of every <see cref="IHtmlDisplay"/> type (the kernel's convention).</summary>
internal sealed class HtmlFormatterSource
{
    /// <summary>The formatters, by convention: each has a <c>MimeType</c> and a <c>Format(object, TextWriter)</c>.</summary>
    public IEnumerable<object> CreateTypeFormatters() => [new HtmlFormatter()];

    private sealed class HtmlFormatter
    {
        public string MimeType => "text/html";

        public bool Format(object instance, TextWriter writer)
        {
            if (instance is not IHtmlDisplay display)
                return false;
            writer.Write(display.ToHtml());
            return true;
        }
    }
}
