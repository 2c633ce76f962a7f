// Step 2: coerce feature columns to numbers, drop rows with missing values, renumber rows.
//   dotnet run scripts/clean.cs -- [--in data/features.csv] [--out data/features-clean.csv]
#:project ../lib/Emotion.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Cli;
using Emotion.Data;
using Spectre.Console;

ScriptConsole.Initialize();
var input = new Option<FileInfo>("--in") { Description = "Feature CSV from extract.cs.", DefaultValueFactory = _ => new("data/features.csv") };
var output = new Option<FileInfo>("--out") { Description = "Cleaned CSV to write.", DefaultValueFactory = _ => new("data/features-clean.csv") };
var command = new RootCommand("Clean the feature table.") { input, output };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    // 1. Read every column as text.
    var raw = FeatureFrame.ReadCsv(parsed.GetValue(input)!.FullName);

    // 2. Coerce, drop, renumber.
    var result = FeatureFrame.Clean(raw);

    // 3. Save and report.
    FeatureTable.FromDataFrame(result.Data).WriteCsv(parsed.GetValue(output)!.FullName);
    AnsiConsole.MarkupLineInterpolated($"{result.RowsBefore} rows read, {result.ValuesCoerced} non-numeric values coerced to missing, {result.RowsDropped} rows dropped, [green]{result.RowsAfter} kept[/] in {parsed.GetValue(output)!.FullName}");
}));
return command.Parse(args).Invoke();
