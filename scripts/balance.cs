// Step 4: downsample every class to the smallest one, then shuffle (the reference's balancing).
//   dotnet run scripts/balance.cs -- [--in data/features-clean.csv] [--out data/features-balanced.csv] [--seed 42]
#:project ../lib/Emotion.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Cli;
using Emotion.Data;
using Spectre.Console;

ScriptConsole.Initialize();
var input = new Option<FileInfo>("--in") { Description = "Cleaned feature CSV.", DefaultValueFactory = _ => new("data/features-clean.csv") };
var output = new Option<FileInfo>("--out") { Description = "Balanced CSV to write.", DefaultValueFactory = _ => new("data/features-balanced.csv") };
var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
var command = new RootCommand("Balance the classes by downsampling.") { input, output, seed };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    // 1. Load.
    var table = FeatureTable.ReadCsv(parsed.GetValue(input)!.FullName);

    // 2. Balance.
    var balanced = table.Balance(parsed.GetValue(seed));

    // 3. Save and show before/after.
    balanced.WriteCsv(parsed.GetValue(output)!.FullName);
    var after = balanced.ClassCounts().ToDictionary(c => c.Label, c => c.Count);
    ScriptConsole.Table("clips per emotion: before -> after", table.ClassCounts().Select(c => (c.Label, $"{c.Count} -> {after[c.Label]}")));
    AnsiConsole.MarkupLineInterpolated($"[green]{balanced.Rows.Count} rows[/] written to {parsed.GetValue(output)!.FullName}");
}));
return command.Parse(args).Invoke();
