using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using Emotion.Internal;

namespace Emotion.Features;

/// <summary>
/// A learned codebook of audio words: k-means centres over standardised frame vectors. It turns a
/// clip's frames, however many, into one histogram of words (log-counted), a fixed-length summary
/// of which sounds occur and how often that means and deviations miss. Immutable and thread-safe.
/// </summary>
public sealed class AudioCodebook
{
    private const int FormatVersion = 1;
    // Far beyond any codebook this trains (256 words of 80 values); limits for reading a bundle.
    private const int MaximumWords = 1 << 16;
    private const int MaximumFrameLength = 1 << 12;
    private readonly Standardiser _standardiser;
    private readonly float[][] _centres;
    private readonly NearestCentres _nearest;

    private AudioCodebook(AudioWordsOptions options, Standardiser standardiser, float[][] centres)
    {
        Options = options;
        _standardiser = standardiser;
        _centres = centres;
        _nearest = new NearestCentres(centres);
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(ToBytes()))[..16];
    }

    /// <summary>How it was learned and how it counts.</summary>
    public AudioWordsOptions Options { get; }

    /// <summary>Values per frame.</summary>
    public int FrameLength => _centres[0].Length;

    /// <summary>A short hash of the whole codebook: equal fingerprints count words alike.</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// Learns the codebook from <paramref name="clips"/> (each a clip's frames, all of one length):
    /// standardises the frames, draws <see cref="AudioWordsOptions.TrainingFrames"/> of them with
    /// <paramref name="seed"/>, and runs k-means from distinct random frames.
    /// </summary>
    public static AudioCodebook Learn(IReadOnlyList<FrameMatrix> clips, AudioWordsOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        // Clips with no frames say nothing of their width (a cache may hold them as width 0).
        var sounding = clips.Where(c => c.Count > 0).ToArray();
        // Where each clip's frames start among all of them, and the total at the end.
        var starts = new int[sounding.Length + 1];
        for (int c = 0; c < sounding.Length; c++)
            starts[c + 1] = starts[c] + sounding[c].Count;
        int total = starts[^1];
        if (total < options.CodebookSize)
            throw new InsufficientDataException($"{total} frames cannot make {options.CodebookSize} words: too little audio to learn a codebook from.");
        int length = sounding[0].Width;
        if (sounding.Any(c => c.Width != length))
            throw new ArgumentException("Frames differ in length.", nameof(clips));

        var statistics = new Standardiser.Sums(length);
        foreach (var clip in sounding)
            for (int f = 0; f < clip.Count; f++)
                statistics.Add(clip[f]);
        var standardiser = statistics.Standardiser();
        var random = new Random(seed);
        // Frames drawn by their place among all frames (the draws GetItems makes over any list of
        // that length), standardised one after another into one array: a group of them is then
        // one span for NearestCentres, with nothing copied.
        var drawn = random.GetItems([.. Enumerable.Range(0, total)], Math.Min(options.TrainingFrames, total));
        var sample = new float[drawn.Length * length];
        for (int s = 0; s < drawn.Length; s++)
        {
            int clip = Array.BinarySearch(starts, drawn[s]);
            // Not found: the complement of the next start, so the clip is the one before it.
            clip = clip >= 0 ? clip : ~clip - 1;
            standardiser.Apply(sounding[clip][drawn[s] - starts[clip]], sample.AsSpan(s * length, length));
        }
        Span<float> Frame(int s) => sample.AsSpan(s * length, length);
        // Distinct starting frames: a repeated one would leave a word empty.
        var centres = Enumerable.Range(0, drawn.Length).OrderBy(_ => random.Next())
            .DistinctBy(s => Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Frame(s))))
            .Take(options.CodebookSize).Select(s => Frame(s).ToArray()).ToArray();
        if (centres.Length < options.CodebookSize)
            throw new InsufficientDataException($"Only {centres.Length} distinct frames for {options.CodebookSize} words: too little audio to learn a codebook from.");

        int group = NearestCentres.Group;
        var nearest = new int[drawn.Length];
        for (int iteration = 0; iteration < options.Iterations; iteration++)
        {
            var search = new NearestCentres(centres);
            Parallel.ForEach(Partitioner.Create(0, drawn.Length, 4096), range =>
            {
                var scratch = new float[search.ScratchLength(1)];
                for (int s = range.Item1; s < range.Item2; s += group)
                {
                    int count = Math.Min(group, range.Item2 - s);
                    search.Find(sample.AsSpan(s * length, count * length), nearest.AsSpan(s, count), scratch);
                }
            });
            var sums = new double[centres.Length][];
            for (int k = 0; k < sums.Length; k++)
                sums[k] = new double[length];
            var counts = new int[centres.Length];
            var widened = new double[length];
            for (int s = 0; s < drawn.Length; s++)
            {
                // Whole vectors at a time, each value still added frame after frame in double precision.
                counts[nearest[s]]++;
                TensorPrimitives.ConvertChecked<float, double>(Frame(s), widened);
                TensorPrimitives.Add(sums[nearest[s]], widened, sums[nearest[s]]);
            }
            // An emptied word keeps its old centre rather than collapsing onto another.
            for (int k = 0; k < centres.Length; k++)
                if (counts[k] > 0)
                    for (int j = 0; j < length; j++)
                        centres[k][j] = (float)(sums[k][j] / counts[k]);
        }
        return new AudioCodebook(options, standardiser, centres);
    }

    /// <summary>Writes the histogram of <paramref name="frames"/>: per word, log(1 + frames that have it among their nearest).</summary>
    public void Encode(FrameMatrix frames, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count > 0 && frames.Width != FrameLength)
            throw new ArgumentException($"Frames of {frames.Width} values, the codebook's of {FrameLength}.", nameof(frames));
        if (destination.Length != _centres.Length)
            throw new ArgumentException($"{destination.Length} values for {_centres.Length} words.", nameof(destination));
        destination.Clear();
        int nearest = Options.Assignments, group = NearestCentres.Group, length = FrameLength;
        // On the stack unless a loaded codebook is unusually large.
        Span<int> best = nearest <= 256 ? stackalloc int[group * nearest] : new int[group * nearest];
        int scratchLength = _nearest.ScratchLength(nearest);
        Span<float> vectors = length <= 1024 ? stackalloc float[group * length] : new float[group * length];
        Span<float> scratch = scratchLength <= 4096 ? stackalloc float[scratchLength] : new float[scratchLength];
        for (int f = 0; f < frames.Count; f += group)
        {
            // A group of frames at a time (the last may be short).
            int count = Math.Min(group, frames.Count - f);
            for (int v = 0; v < count; v++)
                _standardiser.Apply(frames[f + v], vectors.Slice(v * length, length));
            _nearest.Find(vectors[..(count * length)], best[..(count * nearest)], scratch);
            foreach (int k in best[..(count * nearest)])
                destination[k]++;
        }
        foreach (ref float count in destination)
            count = MathF.Log(1 + count);
    }

    /// <summary>Writes the codebook to <paramref name="stream"/>.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes());
    }

    /// <summary>Reads a codebook written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a codebook of this format.</exception>
    public static AudioCodebook Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            int version = reader.ReadInt32();
            if (version != FormatVersion)
                throw new InvalidDataException($"codebook format {version} is not {FormatVersion}");
            var options = new AudioWordsOptions
            {
                CodebookSize = reader.ReadInt32(),
                Assignments = reader.ReadInt32(),
                TrainingFrames = reader.ReadInt32(),
                Iterations = reader.ReadInt32(),
            };
            options.Validate();
            int length = reader.ReadInt32();
            // Checked before anything is sized by them: a damaged count would otherwise ask for gigabytes.
            if (options.CodebookSize > MaximumWords || length is < 1 or > MaximumFrameLength)
                throw new InvalidDataException($"damaged codebook ({options.CodebookSize} words of {length} values)");
            var standardiser = Standardiser.Read(reader, length);
            var centres = new float[options.CodebookSize][];
            for (int k = 0; k < centres.Length; k++)
            {
                centres[k] = new float[length];
                for (int j = 0; j < length; j++)
                    centres[k][j] = reader.ReadSingle();
            }
            return new AudioCodebook(options, standardiser, centres);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentOutOfRangeException)
        {
            throw new InvalidDataException($"damaged codebook ({e.Message})", e);
        }
    }

    private byte[] ToBytes()
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory))
        {
            writer.Write(FormatVersion);
            writer.Write(Options.CodebookSize);
            writer.Write(Options.Assignments);
            writer.Write(Options.TrainingFrames);
            writer.Write(Options.Iterations);
            writer.Write(FrameLength);
            _standardiser.Write(writer);
            foreach (var centre in _centres)
                foreach (float v in centre)
                    writer.Write(v);
        }
        return memory.ToArray();
    }
}
