// Runs the whole analysis non-interactively: extract -> clean -> explore -> balance -> baseline ->
// tune (the reference forest's bundle) -> importance -> extended features -> compare (results
// table) -> robustness (conditions, calibration, EMOVO when decoded) -> best (the default bundle)
// -> best --same-speaker (the speaker-adapted bundle), each step its own script, then, with --notebooks, the
// notebooks executed by the real .NET Interactive kernel into reports/notebooks (scripts/notebooks.py).
//   dotnet run scripts/pipeline.cs -- --data <corpus folder> [--seed 42] [--quick] [--notebooks]
// For the shared corpus: ../shared/data/ravdess-wav.sh "$PWD/data/ravdess-wav", then --data data/ravdess-wav.
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using System.Diagnostics;

var data = new Option<DirectoryInfo>("--data") { Description = "Corpus folder to extract features from.", Required = true };
var seed = new Option<string>("--seed") { Description = "Random seed for every step.", DefaultValueFactory = _ => "42" };
var quick = new Option<bool>("--quick") { Description = "Small grid search (smoke runs)." };
var notebooks = new Option<bool>("--notebooks") { Description = "Also execute the notebooks into reports/." };
var command = new RootCommand("Run every analysis step in order.") { data, seed, quick, notebooks };
command.SetAction(parsed =>
{
    string s = parsed.GetValue(seed)!;
    List<string[]> steps =
    [
        ["extract.cs", "--data", parsed.GetValue(data)!.FullName],
        ["clean.cs"],
        ["explore.cs"],
        ["balance.cs", "--seed", s],
        ["baseline.cs", "--seed", s],
        [.. new[] { "tune.cs", "--seed", s }.Concat(parsed.GetValue(quick) ? ["--quick"] : [])],
        ["importance.cs", "--seed", s],
        ["extract.cs", "--data", parsed.GetValue(data)!.FullName, "--out", "data/features-extended.csv", "--extended"],
        ["compare.cs", "--data", parsed.GetValue(data)!.FullName, "--seed", s],
        ["robustness.cs", "--data", parsed.GetValue(data)!.FullName, "--seed", s],
        ["best.cs", "--data", parsed.GetValue(data)!.FullName, "--seed", s],
        ["best.cs", "--data", parsed.GetValue(data)!.FullName, "--seed", s, "--same-speaker"],
    ];
    if (parsed.GetValue(notebooks))
        steps.Add(["notebooks.py", "--out", "reports/notebooks", "--html", "--check-charts"]);
    foreach (var step in steps)
    {
        Console.WriteLine($"== {string.Join(' ', step)}");
        var clock = Stopwatch.StartNew();
        // The notebooks run in the real kernel through Jupyter's own client (Python's nbclient).
        var start = step[0].EndsWith(".py", StringComparison.Ordinal)
            ? new ProcessStartInfo("/usr/bin/python3", [Path.Combine("scripts", step[0]), .. step[1..]])
            : new ProcessStartInfo("dotnet", ["run", Path.Combine("scripts", step[0]), "--", .. step[1..]]);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        Console.WriteLine($"== {step[0]}: exit {process.ExitCode} after {clock.Elapsed.TotalSeconds:F0} s");
        // extract.cs exits 2 when it skipped some clips but wrote the rest: the analysis can go on.
        if (process.ExitCode != 0 && !(step[0] == "extract.cs" && process.ExitCode == 2))
            return process.ExitCode;
    }
    return 0;
});
return command.Parse(args).Invoke();
