using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Emotion.Internal;

namespace Emotion.Audio;

/// <summary>
/// Sample-rate conversion with a polyphase Kaiser-windowed sinc filter.
/// </summary>
/// <remarks>
/// Steps: (1) reduce the rates to up/down factors L/M; (2) design one low-pass at L times the input
/// rate, cut off inside the lower Nyquist band; (3) split it into L phases; (4) each output sample
/// is one dot product of a phase with the input. Output length is ceil(n * L / M), as librosa's.
/// Where L is large (rates with no big common factor, such as 44101 Hz), the filter would grow with
/// L, so it is designed with <see cref="MaximumPhases"/> phases instead and each output
/// interpolates linearly between the two phases either side of its exact position: memory and
/// time stay bounded whatever rate a file declares. Filters are kept in a small cache (at most
/// <see cref="CacheBudgetBytes"/>, least recently used dropped first), so converting many clips
/// designs each once.
/// </remarks>
public static class Resampler
{
    /// <summary>Most filter phases designed; rate pairs that need more interpolate between phases.</summary>
    public const int MaximumPhases = 1024;

    /// <summary>Bytes of filters the cache keeps.</summary>
    public const long CacheBudgetBytes = 48L << 20;

    private static readonly FilterCache Filters = new(CacheBudgetBytes);

    /// <summary>Bytes of filters cached now (bounded by <see cref="CacheBudgetBytes"/>).</summary>
    internal static long CachedBytes => Filters.Bytes;

    /// <summary>Resamples <paramref name="samples"/> from <paramref name="fromRate"/> to <paramref name="toRate"/> Hz.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was signalled.</exception>
    public static float[] Resample(ReadOnlySpan<float> samples, int fromRate, int toRate, ResamplerOptions? options = null, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        options ??= ResamplerOptions.Default;
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid resampler options: " + string.Join("; ", errors), nameof(options));
        if (fromRate == toRate)
            return samples.ToArray();
        long outputLength = ((long)samples.Length * toRate + fromRate - 1) / fromRate;
        if (outputLength > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(samples), $"{samples.Length} samples at {fromRate} Hz make {outputLength} at {toRate} Hz, more than an array holds.");
        var filter = Filters.GetOrAdd((fromRate, toRate, options), () => new PolyphaseFilter(fromRate, toRate, options));
        return filter.Apply(samples, (int)outputLength, cancel);
    }

    private sealed class PolyphaseFilter
    {
        private readonly int _up;
        private readonly int _down;
        private readonly int _phaseCount;
        private readonly bool _exact;
        private readonly long _center;
        // Phase p occupies [p * _stride, (p + 1) * _stride), taps reversed so that each output is a
        // forward dot product with a contiguous input window. The stride rounds the designed taps per
        // phase up to whole vectors with leading zeros: the design does not depend on the hardware.
        private readonly int _stride;
        private readonly float[] _phases;

        public PolyphaseFilter(int fromRate, int toRate, ResamplerOptions options)
        {
            int gcd = Gcd(fromRate, toRate);
            _up = toRate / gcd;
            _down = fromRate / gcd;
            _exact = _up <= MaximumPhases;
            _phaseCount = _exact ? _up : MaximumPhases;

            double upsampledRate = (double)fromRate * _phaseCount;
            double nyquist = Math.Min(fromRate, toRate) / 2.0;
            double cutoff = (options.PassbandEdge + options.StopbandEdge) / 2 * nyquist;
            double transition = (options.StopbandEdge - options.PassbandEdge) * nyquist;
            double attenuation = options.StopbandAttenuation;
            // Kaiser's formulas for window shape and length (Oppenheim & Schafer 7.6).
            double beta = attenuation > 50 ? 0.1102 * (attenuation - 8.7)
                : attenuation >= 21 ? 0.5842 * Math.Pow(attenuation - 21, 0.4) + 0.07886 * (attenuation - 21)
                : 0;
            int minimumLength = (int)Math.Ceiling((attenuation - 8) / (2.285 * 2 * Math.PI * transition / upsampledRate)) + 1;
            int tapsPerPhase = (minimumLength + _phaseCount - 1) / _phaseCount;
            // An odd length puts the centre on a tap, so the filter adds no fractional delay.
            int length = tapsPerPhase * _phaseCount - (tapsPerPhase * _phaseCount % 2 == 0 ? 1 : 0);
            _center = (length - 1) / 2;

            // One spare phase's worth of taps: interpolation reads phase p + 1 for p up to the last.
            var taps = new double[(tapsPerPhase + 1) * _phaseCount + 1];
            double normalizedCutoff = 2 * cutoff / upsampledRate;
            double besselBeta = BesselI0(beta);
            double sum = 0;
            for (int j = 0; j < length; j++)
            {
                double offset = j - _center;
                double x = normalizedCutoff * offset;
                double sinc = offset == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
                double r = 2.0 * offset / (length - 1);
                double window = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - r * r))) / besselBeta;
                taps[j] = normalizedCutoff * sinc * window;
                sum += taps[j];
            }

            // Unity gain at DC for the upsampled signal: each phase then sums to about 1.
            double gain = _phaseCount / sum;
            int width = Vector<float>.Count;
            int phasesStored = _exact ? _phaseCount : _phaseCount + 1;
            int tapsStored = _exact ? tapsPerPhase : tapsPerPhase + 1;
            _stride = (tapsStored + width - 1) / width * width;
            _phases = new float[_stride * phasesStored];
            for (int p = 0; p < phasesStored; p++)
                for (int k = 0; k < tapsStored; k++)
                    _phases[p * _stride + _stride - 1 - k] = (float)(taps[p + k * _phaseCount] * gain);
        }

        public long Bytes => (long)_phases.Length * sizeof(float);

        public float[] Apply(ReadOnlySpan<float> input, int outputLength, CancellationToken cancel)
        {
            int k = _stride;
            // K zeros either side let every window read without bounds checks. Pooled: a clip's
            // worth of samples is a large-object allocation, which costs full collections.
            using var padded = new PooledBuffer<float>(input.Length + 2 * k + 1);
            padded.Span[..k].Clear();
            input.CopyTo(padded.Span[k..]);
            padded.Span[(k + input.Length)..].Clear();
            var output = new float[outputLength];
            ref float phases = ref MemoryMarshal.GetArrayDataReference(_phases);
            ref float samples = ref MemoryMarshal.GetReference(padded.Span);
            for (int n = 0; n < outputLength; n++)
            {
                if ((n & 0xFFFF) == 0)
                    cancel.ThrowIfCancellationRequested();
                if (_exact)
                {
                    long t = (long)n * _down + _center;
                    int newest = (int)(t / _up);
                    int phase = (int)(t - (long)newest * _up);
                    // Window x[newest - K + 1 .. newest] sits at padded[newest + 1 ..].
                    output[n] = Dot(ref Unsafe.Add(ref phases, phase * k), ref Unsafe.Add(ref samples, newest + 1), k);
                }
                else
                {
                    // The output's exact position in phase units, n·M/L·P, split into whole phases and a fraction.
                    long scaled = (long)n * _down * _phaseCount;
                    long whole = scaled / _up + _center;
                    float fraction = (float)(scaled % _up) / _up;
                    int newest = (int)(whole / _phaseCount);
                    int phase = (int)(whole - (long)newest * _phaseCount);
                    ref float window = ref Unsafe.Add(ref samples, newest + 1);
                    float before = Dot(ref Unsafe.Add(ref phases, phase * k), ref window, k);
                    float after = Dot(ref Unsafe.Add(ref phases, (phase + 1) * k), ref window, k);
                    output[n] = before + fraction * (after - before);
                }
            }
            return output;
        }

        /// <summary>Dot product of two runs of <paramref name="length"/> floats, a multiple of the vector width.</summary>
        private static float Dot(ref float a, ref float b, int length)
        {
            int width = Vector<float>.Count;
            var even = Vector<float>.Zero;
            var odd = Vector<float>.Zero;
            int i = 0;
            for (; i + 2 * width <= length; i += 2 * width)
            {
                even += Vector.LoadUnsafe(ref a, (nuint)i) * Vector.LoadUnsafe(ref b, (nuint)i);
                odd += Vector.LoadUnsafe(ref a, (nuint)(i + width)) * Vector.LoadUnsafe(ref b, (nuint)(i + width));
            }
            if (i < length)
                even += Vector.LoadUnsafe(ref a, (nuint)i) * Vector.LoadUnsafe(ref b, (nuint)i);
            return Vector.Sum(even + odd);
        }

        private static double BesselI0(double x)
        {
            double sum = 1, term = 1, halfX = x / 2;
            for (int i = 1; i < 500 && term > sum * 1e-17; i++)
            {
                term *= halfX / i * (halfX / i);
                sum += term;
            }
            return sum;
        }

        private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
    }

    /// <summary>Filters by rate pair and design, least recently used dropped first once over budget.</summary>
    private sealed class FilterCache(long budget)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<(int, int, ResamplerOptions), LinkedListNode<Entry>> _entries = [];
        private readonly LinkedList<Entry> _recent = new();

        public long Bytes { get; private set; }

        public PolyphaseFilter GetOrAdd((int, int, ResamplerOptions) key, Func<PolyphaseFilter> design)
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var node))
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    return node.Value.Filter;
                }
            }
            // Designed outside the lock: a long design must not hold up other rates.
            var filter = design();
            lock (_gate)
            {
                if (_entries.ContainsKey(key))
                    return filter;
                _entries[key] = _recent.AddFirst(new Entry(key, filter));
                Bytes += filter.Bytes;
                while (Bytes > budget && _recent.Count > 1)
                {
                    var oldest = _recent.Last!;
                    _recent.RemoveLast();
                    _entries.Remove(oldest.Value.Key);
                    Bytes -= oldest.Value.Filter.Bytes;
                }
                return filter;
            }
        }

        private readonly record struct Entry((int, int, ResamplerOptions) Key, PolyphaseFilter Filter);
    }
}
