using Emotion.Audio;
using Emotion.Bundle;
using Emotion.Fuzz;
using Emotion.Prediction;
using SharpFuzz;

// One fuzzing target per run, named by the first argument: the WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus
// and WebM decoders with the web app's limits, or the app's whole path (decode, resample, analyse, classify). A target may
// only end in the library's AudioException; anything else is a crash for afl-fuzz.
//   dotnet Emotion.Fuzz.dll wav|flac|flac-checksummed|mp3|ogg|ogg-checksummed|opus|opus-checksummed|webm|pipeline [input file]    (a file: run it once and say what happened)
// Instrumented code may only run inside Fuzzer.Run, once afl-fuzz's coverage map is attached, so
// nothing of the library is touched before it.
if (args.Length is < 1 or > 2 || !Targets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: Emotion.Fuzz {string.Join('|', Targets.Names)} [input file]");
    return 2;
}
if (args.Length == 2)
{
    // A folder replays every input in it, in name order, in this one process: as afl-fuzz ran them.
    return Directory.Exists(args[1])
        ? Directory.GetFiles(args[1]).Order(StringComparer.Ordinal).Max(file => Targets.Replay(args[0], File.ReadAllBytes(file), Path.GetFileName(file)))
        : Targets.Replay(args[0], File.ReadAllBytes(args[1]));
}
Fuzzer.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    Targets.Watched(args[0], memory.ToArray());
});
return 0;

namespace Emotion.Fuzz
{
    /// <summary>The fuzzing targets.</summary>
    internal static class Targets
    {
        private static readonly Lazy<AudioLoadOptions> Decode = new(() => new AudioLoadOptions { SampleRate = null, Limits = AudioLimits.Default with { MaximumDuration = TimeSpan.FromMinutes(10) } });

        private static readonly Lazy<ClipAnalyzer> Analyzer = new(() => new ClipAnalyzer(
            ModelBundle.Load(Path.Combine(AppContext.BaseDirectory, "default.model.zip")),
            new ClipAnalyzerOptions { Limits = Decode.Value.Limits }));

        public static IReadOnlyList<string> Names { get; } = ["wav", "flac", "flac-checksummed", "mp3", "ogg", "ogg-checksummed", "opus", "opus-checksummed", "webm", "pipeline"];

        /// <summary>Runs <paramref name="target"/>; the library's clear errors are expected answers, not findings.</summary>
        public static void Guarded(string target, byte[] input)
        {
            try
            {
                Run(target, input);
            }
            catch (AudioException)
            {
            }
        }

        /// <summary>How long an input may take before it counts as a hang.</summary>
        public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// Runs <see cref="Guarded"/> on another thread and turns an input that takes over
        /// <see cref="Patience"/> into a crash: in-process fuzzing has no fork to kill, so afl-fuzz's
        /// own timeout would end the whole server and lose the input that hung.
        /// </summary>
        public static void Watched(string target, byte[] input)
        {
            var run = Task.Run(() => Guarded(target, input));
            if (!run.Wait(Patience))
            {
                // The stuck run cannot be stopped, and afl-fuzz may record another input than this one
                // (the runaway thread slows those after it): keep the input that really ran over.
                if (Environment.GetEnvironmentVariable("EMOTION_FUZZ_SLOW") is { Length: > 0 } folder)
                {
                    Directory.CreateDirectory(folder);
                    File.WriteAllBytes(Path.Combine(folder, $"{target}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(input))[..16]}"), input);
                }
                throw new TimeoutException($"the {target} target ran over {Patience.TotalSeconds} s on this input");
            }
            run.GetAwaiter().GetResult();
        }

        /// <summary>Runs one input and reports the outcome: 0 answered (audio or a clear error), 1 a finding.</summary>
        public static int Replay(string target, byte[] input, string? name = null)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                Watched(target, input);
                Console.WriteLine($"{name}{(name is null ? "" : ": ")}ok{(name is null ? "" : $" in {clock.Elapsed.TotalMilliseconds:F0} ms")}");
                return 0;
            }
            catch (Exception e)
            {
                Console.WriteLine($"{name}{(name is null ? "" : ": ")}{e}");
                return 1;
            }
        }

        private static void Run(string target, byte[] input)
        {
            switch (target)
            {
                case "wav" or "flac" or "mp3" or "ogg" or "opus" or "webm":
                    AudioFile.Load(input, "input." + target, Decode.Value);
                    break;
                case "flac-checksummed":
                    // As for Ogg: stamped checksums take mutants past them, into the subframes.
                    AudioFile.Load(FlacChecksums.Stamped(input), "input.flac", Decode.Value);
                    break;
                case "ogg-checksummed" or "opus-checksummed":
                    // An attacker can stamp valid checksums on any pages: mutants reach the decoder behind them.
                    AudioFile.Load(OggChecksums.Stamped(input), "input." + target[..target.IndexOf('-')], Decode.Value);
                    break;
                default:
                    // The extension follows the content, so that mutants of every format reach the analysis.
                    var content = input.AsSpan();
                    Analyzer.Value.Analyze(input, content.StartsWith("OggS"u8) ? "input.ogg" : content.StartsWith("RIFF"u8) ? "input.wav"
                        : content.StartsWith("fLaC"u8) ? "input.flac" : content.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) ? "input.webm" : "input.mp3");
                    break;
            }
        }
    }
}

namespace Emotion.Fuzz
{
    /// <summary>Rewrites the checksum of every complete Ogg page, as a forger would.</summary>
    internal static class OggChecksums
    {
        public static byte[] Stamped(byte[] input)
        {
            var copy = (byte[])input.Clone();
            int position = 0;
            while (position + 27 <= copy.Length && copy.AsSpan(position).StartsWith("OggS"u8))
            {
                int segments = copy[position + 26];
                if (position + 27 + segments > copy.Length)
                    break;
                int length = 27 + segments;
                foreach (byte lacing in copy.AsSpan(position + 27, segments))
                    length += lacing;
                if (position + length > copy.Length)
                    break;
                copy.AsSpan(position + 22, 4).Clear();
                uint crc = 0;
                foreach (byte b in copy.AsSpan(position, length))
                {
                    crc ^= (uint)b << 24;
                    for (int bit = 0; bit < 8; bit++)
                        crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
                }
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(position + 22), crc);
                position += length;
            }
            return copy;
        }
    }

    /// <summary>
    /// Rewrites both checksums of every frame, as a forger would: a frame runs from one sync code to
    /// the next (or the end), its header to the coded number and the optional size and rate fields.
    /// </summary>
    internal static class FlacChecksums
    {
        public static byte[] Stamped(byte[] input)
        {
            var copy = (byte[])input.Clone();
            var starts = new List<int>();
            for (int i = 4; i + 1 < copy.Length; i++)
                if (copy[i] == 0xFF && (copy[i + 1] & 0xFE) == 0xF8)
                    starts.Add(i);
            for (int k = 0; k < starts.Count; k++)
            {
                int start = starts[k], end = k + 1 < starts.Count ? starts[k + 1] : copy.Length;
                int header = HeaderLength(copy, start);
                if (header == 0 || start + header + 2 >= end)
                    continue;
                copy[start + header] = (byte)Crc(copy.AsSpan(start, header), 0x07, 8);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(end - 2), (ushort)Crc(copy.AsSpan(start, end - 2 - start), 0x8005, 16));
            }
            return copy;
        }

        /// <summary>Bytes before the header's checksum, or 0 where the frame number is malformed or the header runs off the end.</summary>
        private static int HeaderLength(byte[] bytes, int start)
        {
            if (start + 5 > bytes.Length)
                return 0;
            int blockCode = bytes[start + 2] >> 4, rateCode = bytes[start + 2] & 0xF;
            int first = bytes[start + 4];
            int extra = first < 0x80 ? 0 : System.Numerics.BitOperations.LeadingZeroCount(~(uint)first << 24) - 1;
            if (extra is < 0 or > 6)
                return 0;
            int length = 5 + extra + blockCode switch { 6 => 1, 7 => 2, _ => 0 } + rateCode switch { 12 => 1, 13 or 14 => 2, _ => 0 };
            return start + length < bytes.Length ? length : 0;
        }

        private static int Crc(ReadOnlySpan<byte> bytes, int polynomial, int width)
        {
            int crc = 0, top = 1 << (width - 1), mask = (1 << width) - 1;
            foreach (byte b in bytes)
            {
                crc ^= b << (width - 8);
                for (int bit = 0; bit < 8; bit++)
                    crc = ((crc & top) != 0 ? crc << 1 ^ polynomial : crc << 1) & mask;
            }
            return crc;
        }
    }
}
