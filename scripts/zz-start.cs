#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:property PublishAot=false
using System.Diagnostics;
using Emotion.Analysis;
using Emotion.Audio;
using Emotion.Cli;
using Emotion.Features;
var start = Process.GetCurrentProcess().StartTime;
void Mark(string what) => Console.WriteLine($"{(DateTime.Now - start).TotalMilliseconds,6:F0} ms {what}");
Mark("main");
var settings = ScriptConsole.Initialize();
Mark("settings");
var ex = FeatureExtractor.Default;
Mark("FeatureExtractor.Default");
var files = Directory.GetFiles("data/samples/ravdess", "*.wav");
var b = File.ReadAllBytes(files[0]);
var clip = AudioFile.Load(b, files[0], ex.LoadOptions);
Mark("first load");
var a = ex.Analyze(clip);
Mark("first analyze");
ex.Extract(a);
Mark("first extract");
ex.Extract(File.ReadAllBytes(files[1]), files[1]);
Mark("second clip");
var s = FeatureCache.Key(b);
Mark("cache key");
