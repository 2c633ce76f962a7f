// Where MFCC-80 extraction spends its time, one thread, over every WAV under a folder: reading the
// bytes, decoding, resampling to 22050 Hz, the MFCCs (FFT, mel, dB, DCT), and the whole extraction
// from the bytes (all of it plus the statistics). Two passes; the second, JIT-warm, is reported.
// Prints one line: "clips read decode resample mfcc whole" in seconds (benchmarks/extract.sh reads it).
//   dotnet run benchmarks/stages.cs -- <folder>
#:project ../lib/Emotion/Emotion.csproj
#:property PublishAot=false

using System.Diagnostics;
using System.Globalization;
using Emotion.Audio;
using Emotion.Features;

if (args.Length != 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: dotnet run benchmarks/stages.cs -- <folder of WAV files>");
    return 2;
}
var files = Directory.GetFiles(args[0], "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
var extractor = FeatureExtractor.Default;
var mfcc = new MfccExtractor(extractor.Options.Mfcc);
var native = extractor.LoadOptions with { SampleRate = null };
var seconds = new double[5];
for (int pass = 0; pass < 2; pass++)
{
    Array.Clear(seconds);
    foreach (var file in files)
    {
        var clock = Stopwatch.StartNew();
        var bytes = File.ReadAllBytes(file);
        seconds[0] += Lap(clock);
        var clip = AudioFile.Load(bytes, file, native);
        seconds[1] += Lap(clock);
        var resampled = new AudioClip(Resampler.Resample(clip.Samples, clip.SampleRate, mfcc.Options.SampleRate, extractor.LoadOptions.Resampler), mfcc.Options.SampleRate);
        seconds[2] += Lap(clock);
        mfcc.Extract(resampled);
        seconds[3] += Lap(clock);
        extractor.Extract(bytes, file);
        seconds[4] += Lap(clock);
    }
}
Console.WriteLine(string.Join(' ', [files.Length.ToString(CultureInfo.InvariantCulture), .. seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture))]));
return 0;

static double Lap(Stopwatch clock)
{
    double elapsed = clock.Elapsed.TotalSeconds;
    clock.Restart();
    return elapsed;
}
