// Runs the analysis notebooks headless, in order, and writes each executed notebook and an offline
// HTML page of it into reports/ (plotly.js from one local copy in reports/assets, no CDN).
//   dotnet run scripts/notebooks.cs -- [--out reports] [notebooks/01-extract.ipynb ...]
// EMOTION_CORPUS, EMOTION_WORK and EMOTION_QUICK pass on to the notebooks (see lib/AnalysisPaths.cs).
// The kernel is Microsoft.DotNet.Interactive's C# kernel in this process, which carries FSharp.Core
// 10.1 for Plotly.NET (dotnet-repl 0.3.259's kernel cannot load it).
#:project ../lib/Emotion.csproj
#:package Microsoft.DotNet.Interactive.CSharp
#:package Microsoft.DotNet.Interactive.Documents
#:package FSharp.Core
#:package System.CommandLine
#:property PublishAot=false
#:property NoWarn=NU1603

using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Emotion.Reporting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;

var output = new Option<DirectoryInfo>("--out") { Description = "Folder for executed notebooks and HTML.", DefaultValueFactory = _ => new("reports") };
var inputs = new Argument<FileInfo[]>("notebooks") { Description = "Notebooks to run (default: notebooks/*.ipynb in order).", Arity = ArgumentArity.ZeroOrMore };
var command = new RootCommand("Run notebooks headless into executed .ipynb and .html.") { output, inputs };
command.SetAction(async (parsed, cancel) =>
{
    var notebooks = parsed.GetValue(inputs) is { Length: > 0 } given ? given : new DirectoryInfo("notebooks").GetFiles("*.ipynb").OrderBy(f => f.Name).ToArray();
    var outDir = parsed.GetValue(output)!;
    // 1. The notebooks #r the library's build output.
    if (!Build())
        return 1;
    ChartHtml.WriteScript(Path.Combine(outDir.FullName, "assets"));
    // 2. Run each notebook in a fresh kernel, from its own folder as an editor would.
    foreach (var notebook in notebooks)
    {
        var clock = Stopwatch.StartNew();
        var (document, failure) = await Run(notebook);
        Directory.CreateDirectory(outDir.FullName);
        string executed = Path.Combine(outDir.FullName, notebook.Name);
        using (var stream = File.Create(executed))
            Notebook.Write(document, stream, Kernels());
        File.WriteAllText(Path.ChangeExtension(executed, ".html"), Html(notebook.Name, document));
        Console.WriteLine($"{notebook.Name}: {(failure is null ? "ok" : "FAILED")} in {clock.Elapsed.TotalSeconds:F0} s -> {executed}");
        if (failure is not null)
        {
            Console.Error.WriteLine(failure);
            return 1;
        }
    }
    return 0;
});
return await command.Parse(args).InvokeAsync();

static KernelInfoCollection Kernels() => [new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp", languageName: "C#", aliases: ["c#", "C#"])];

static bool Build()
{
    using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "lib/Emotion.csproj", "--nologo", "-v", "q", "-clp:ErrorsOnly"]))!;
    build.WaitForExit();
    return build.ExitCode == 0;
}

static async Task<(InteractiveDocument Document, string? Failure)> Run(FileInfo path)
{
    InteractiveDocument document;
    using (var stream = path.OpenRead())
        document = Notebook.Read(stream, Kernels());
    using var kernel = new CompositeKernel { new CSharpKernel().UseKernelHelpers() };
    kernel.DefaultKernelName = "csharp";
    string previous = Environment.CurrentDirectory;
    Environment.CurrentDirectory = path.DirectoryName!;
    try
    {
        int count = 0;
        foreach (var cell in document.Elements.Where(e => e.KernelName is "csharp"))
        {
            cell.Outputs.Clear();
            cell.ExecutionOrder = ++count;
            var result = await kernel.SendAsync(new SubmitCode(cell.Contents, "csharp"));
            foreach (var e in result.Events)
            {
                if (Output(e) is { } element)
                    cell.Outputs.Add(element);
            }
            if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
                return (document, $"{path.Name}, cell {count}: {failed.Message}");
        }
        return (document, null);
    }
    finally
    {
        Environment.CurrentDirectory = previous;
    }
}

static InteractiveDocumentOutputElement? Output(KernelEvent e) => e switch
{
    StandardOutputValueProduced text => new TextElement(text.FormattedValues.First().Value, "stdout"),
    StandardErrorValueProduced text => new TextElement(text.FormattedValues.First().Value, "stderr"),
    DisplayEvent display => new DisplayElement(display.FormattedValues.ToDictionary(v => v.MimeType, v => (object)Shrink(v.Value))),
    CommandFailed failed => new ErrorElement("Error", failed.Message, []),
    _ => null,
};

// The notebook's setup cell inlines plotly.js (3.6 MB) so charts render in an editor; executed
// copies load the one file in reports/assets instead.
static string Shrink(string value) =>
    value.StartsWith(ChartHtml.InlineMarker, StringComparison.Ordinal) ? ChartHtml.ScriptReference("assets/" + ChartHtml.ScriptFileName) : value;

static string Html(string title, InteractiveDocument document)
{
    var page = new StringBuilder($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>")
        .Append("<style>body{font-family:sans-serif;max-width:1100px;margin:auto} pre{background:#f5f5f5;padding:8px;overflow:auto} .out{border-left:3px solid #ccc;padding-left:8px;margin-bottom:16px} table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:2px 6px}</style></head><body>");
    foreach (var cell in document.Elements)
    {
        if (cell.KernelName is "markdown")
        {
            page.Append(MarkdownReport.ToHtml(cell.Contents));
            continue;
        }
        page.Append("<pre>").Append(System.Net.WebUtility.HtmlEncode(cell.Contents)).Append("</pre><div class=\"out\">");
        foreach (var o in cell.Outputs)
        {
            page.Append(o switch
            {
                DisplayElement d when d.Data.TryGetValue("text/html", out var h) => h.ToString(),
                DisplayElement d => "<pre>" + System.Net.WebUtility.HtmlEncode(d.Data.Values.FirstOrDefault()?.ToString()) + "</pre>",
                TextElement t => "<pre>" + System.Net.WebUtility.HtmlEncode(t.Text) + "</pre>",
                ErrorElement err => "<pre style=\"color:#b00\">" + System.Net.WebUtility.HtmlEncode(err.ErrorValue) + "</pre>",
                _ => "",
            });
        }
        page.Append("</div>");
    }
    return page.Append("</body></html>").ToString();
}
