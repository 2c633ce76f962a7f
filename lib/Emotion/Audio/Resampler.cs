using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    // Outputs of each phase per block: even, so that only a phase's very last output can go alone (ApplyPhase).
    private const int OutputsPerPhase = 32;

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
        private readonly long _inverseDown;
        private readonly bool _exact;
        private readonly long _center;
        // Phase p occupies [p * _stride, (p + 1) * _stride), taps reversed so that each output is a
        // forward dot product with a contiguous input window. The stride rounds the designed taps per
        // phase up to a multiple of 16 with leading zeros (whole vectors of any width up to 512 bits).
        private readonly int _stride;
        private readonly float[] _phases;

        public PolyphaseFilter(int fromRate, int toRate, ResamplerOptions options)
        {
            int gcd = Gcd(fromRate, toRate);
            _up = toRate / gcd;
            _down = fromRate / gcd;
            _exact = _up <= MaximumPhases;
            _phaseCount = _exact ? _up : MaximumPhases;
            _inverseDown = ModularInverse(_down % _up, _up);

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
            int width = Vector512<float>.Count;
            int phasesStored = _exact ? _phaseCount : _phaseCount + 1;
            int tapsStored = _exact ? tapsPerPhase : tapsPerPhase + 1;
            _stride = (tapsStored + width - 1) / width * width;
            _phases = new float[_stride * phasesStored];
            for (int p = 0; p < phasesStored; p++)
                for (int k = 0; k < tapsStored; k++)
                    _phases[p * _stride + _stride - 1 - k] = (float)(taps[p + k * _phaseCount] * gain);
        }

        public long Bytes => (long)_phases.Length * sizeof(float);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            if (_exact)
            {
                // The outputs that share phase p are every L-th one, each window M samples on from
                // the last. In blocks of OutputsPerPhase·L outputs, phase by phase: a phase's taps are
                // loaded once for its outputs in the block, and the block's stretch of input (about
                // OutputsPerPhase·M samples) stays in the nearest cache across all L phases, where a
                // whole clip per phase would stream the input from further out L times.
                long block = (long)OutputsPerPhase * _up;
                for (long start = 0; start < outputLength; start += block)
                {
                    cancel.ThrowIfCancellationRequested();
                    long end = Math.Min(outputLength, start + block);
                    for (int p = 0; p < _up; p++)
                    {
                        // The first output n with (n·M + centre) mod L = p: n = (p − centre)·M⁻¹ mod L.
                        long n = start + (p - _center % _up + _up) % _up * _inverseDown % _up;
                        if (n < end)
                            ApplyPhase(ref Unsafe.Add(ref phases, p * k), ref samples, output, n, end);
                    }
                }
                return output;
            }
            for (int n = 0; n < outputLength; n++)
            {
                if ((n & 0xFFFF) == 0)
                    cancel.ThrowIfCancellationRequested();
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
            return output;
        }

        /// <summary>
        /// Outputs <paramref name="n"/>, n + L, ... before <paramref name="end"/>, all of one phase:
        /// four at a time share each load of the taps, and their four sums are independent chains of
        /// multiply-adds (one or two would wait on each add's latency). A phase's last output goes
        /// alone when its count is odd, whatever the blocks, so its value never depends on them.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ApplyPhase(ref float taps, ref float samples, float[] output, long n, long end)
        {
            int k = _stride;
            // Window x[newest - K + 1 .. newest] sits at padded[newest + 1 ..].
            long newest = (n * _down + _center) / _up;
            for (; n + 3L * _up < end; n += 4L * _up, newest += 4L * _down)
            {
                var (a, b, c, d) = Dot4(ref taps, ref Unsafe.Add(ref samples, (nint)(newest + 1)), _down, k);
                (output[n], output[n + _up], output[n + 2 * _up], output[n + 3 * _up]) = (a, b, c, d);
            }
            if (n + _up < end)
            {
                (output[n], output[n + _up]) = Dot2(ref taps, ref Unsafe.Add(ref samples, (nint)(newest + 1)), ref Unsafe.Add(ref samples, (nint)(newest + 1 + _down)), k);
                (n, newest) = (n + 2L * _up, newest + 2L * _down);
            }
            if (n < end)
                output[n] = Dot(ref taps, ref Unsafe.Add(ref samples, (nint)(newest + 1)), k);
        }

        /// <summary>
        /// Dot product of two runs of <paramref name="length"/> floats, a multiple of 16: fused
        /// multiply-adds on the widest vectors the processor has, into independent sums so that
        /// each add need not wait for the last. This loop is most of the resampler's time.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static float Dot(ref float a, ref float b, int length)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                var first = Vector512<float>.Zero;
                var second = Vector512<float>.Zero;
                int i = 0;
                for (; i + 32 <= length; i += 32)
                {
                    first = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i), first);
                    second = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)(i + 16)), Vector512.LoadUnsafe(ref b, (nuint)(i + 16)), second);
                }
                if (i < length)
                    first = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i), first);
                return Vector512.Sum(first + second);
            }
            int width = Vector<float>.Count;
            var sum0 = Vector<float>.Zero;
            var sum1 = Vector<float>.Zero;
            for (int i = 0; i < length; i += 2 * width)
            {
                sum0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, (nuint)i), Vector.LoadUnsafe(ref b, (nuint)i), sum0);
                sum1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, (nuint)(i + width)), Vector.LoadUnsafe(ref b, (nuint)(i + width)), sum1);
            }
            return Vector.Sum(sum0 + sum1);
        }

        /// <summary>The dot products of one run of taps with two windows, loading each vector of taps once.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static (float, float) Dot2(ref float taps, ref float a, ref float b, int length)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                var sumA = Vector512<float>.Zero;
                var sumB = Vector512<float>.Zero;
                for (int i = 0; i < length; i += 16)
                {
                    var t = Vector512.LoadUnsafe(ref taps, (nuint)i);
                    sumA = Vector512.FusedMultiplyAdd(t, Vector512.LoadUnsafe(ref a, (nuint)i), sumA);
                    sumB = Vector512.FusedMultiplyAdd(t, Vector512.LoadUnsafe(ref b, (nuint)i), sumB);
                }
                return (Vector512.Sum(sumA), Vector512.Sum(sumB));
            }
            var (a0, a1, b0, b1) = (Vector<float>.Zero, Vector<float>.Zero, Vector<float>.Zero, Vector<float>.Zero);
            int width = Vector<float>.Count;
            for (int i = 0; i < length; i += 2 * width)
            {
                var t0 = Vector.LoadUnsafe(ref taps, (nuint)i);
                var t1 = Vector.LoadUnsafe(ref taps, (nuint)(i + width));
                a0 = Vector.FusedMultiplyAdd(t0, Vector.LoadUnsafe(ref a, (nuint)i), a0);
                a1 = Vector.FusedMultiplyAdd(t1, Vector.LoadUnsafe(ref a, (nuint)(i + width)), a1);
                b0 = Vector.FusedMultiplyAdd(t0, Vector.LoadUnsafe(ref b, (nuint)i), b0);
                b1 = Vector.FusedMultiplyAdd(t1, Vector.LoadUnsafe(ref b, (nuint)(i + width)), b1);
            }
            return (Vector.Sum(a0 + a1), Vector.Sum(b0 + b1));
        }

        /// <summary>
        /// The dot products of one run of taps with four windows <paramref name="step"/> samples
        /// apart, each summed exactly as <see cref="Dot2"/> sums it (so which of the two an output
        /// goes through never changes its value).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static (float, float, float, float) Dot4(ref float taps, ref float window, int step, int length)
        {
            ref float b = ref Unsafe.Add(ref window, step);
            ref float c = ref Unsafe.Add(ref b, step);
            ref float d = ref Unsafe.Add(ref c, step);
            if (Vector512.IsHardwareAccelerated)
            {
                var (sumA, sumB, sumC, sumD) = (Vector512<float>.Zero, Vector512<float>.Zero, Vector512<float>.Zero, Vector512<float>.Zero);
                for (int i = 0; i < length; i += 16)
                {
                    var t = Vector512.LoadUnsafe(ref taps, (nuint)i);
                    sumA = Vector512.FusedMultiplyAdd(t, Vector512.LoadUnsafe(ref window, (nuint)i), sumA);
                    sumB = Vector512.FusedMultiplyAdd(t, Vector512.LoadUnsafe(ref b, (nuint)i), sumB);
                    sumC = Vector512.FusedMultiplyAdd(t, Vector512.LoadUnsafe(ref c, (nuint)i), sumC);
                    sumD = Vector512.FusedMultiplyAdd(t, Vector512.LoadUnsafe(ref d, (nuint)i), sumD);
                }
                return (Vector512.Sum(sumA), Vector512.Sum(sumB), Vector512.Sum(sumC), Vector512.Sum(sumD));
            }
            var (first, second) = Dot2(ref taps, ref window, ref b, length);
            var (third, fourth) = Dot2(ref taps, ref c, ref d, length);
            return (first, second, third, fourth);
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

        /// <summary>x with a·x ≡ 1 (mod m), for a and m without common factor (1 when m is 1).</summary>
        private static long ModularInverse(long a, long m)
        {
            var (oldR, r) = (a, m);
            var (oldS, t) = (1L, 0L);
            while (r != 0)
            {
                long q = oldR / r;
                (oldR, r) = (r, oldR - q * r);
                (oldS, t) = (t, oldS - q * t);
            }
            return ((oldS % m) + m) % m;
        }
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
