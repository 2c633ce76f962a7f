using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Emotion.Internal;

namespace Emotion.Audio;

/// <summary>
/// Rational-ratio sample-rate conversion with a polyphase Kaiser-windowed sinc filter.
/// </summary>
/// <remarks>
/// Steps: (1) reduce the rates to up/down factors L/M; (2) design one low-pass at L times the input
/// rate, cut off inside the lower Nyquist band; (3) split it into L phases; (4) each output sample
/// is one dot product of a phase with the input. Output length is ceil(n * L / M), as librosa's.
/// Filters are cached per rate pair and options, so converting many clips designs each once.
/// </remarks>
public static class Resampler
{
    private static readonly ConcurrentDictionary<(int, int, ResamplerOptions), PolyphaseFilter> Filters = new();

    /// <summary>Resamples <paramref name="samples"/> from <paramref name="fromRate"/> to <paramref name="toRate"/> Hz.</summary>
    public static float[] Resample(ReadOnlySpan<float> samples, int fromRate, int toRate, ResamplerOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        options ??= ResamplerOptions.Default;
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid resampler options: " + string.Join("; ", errors), nameof(options));
        if (fromRate == toRate)
            return samples.ToArray();
        var filter = Filters.GetOrAdd((fromRate, toRate, options), key => new PolyphaseFilter(key.Item1, key.Item2, key.Item3));
        return filter.Apply(samples);
    }

    private sealed class PolyphaseFilter
    {
        private readonly int _up;
        private readonly int _down;
        private readonly int _center;
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

            double upsampledRate = (double)fromRate * _up;
            double nyquist = Math.Min(fromRate, toRate) / 2.0;
            double cutoff = (options.PassbandEdge + options.StopbandEdge) / 2 * nyquist;
            double transition = (options.StopbandEdge - options.PassbandEdge) * nyquist;
            double attenuation = options.StopbandAttenuation;
            // Kaiser's formulas for window shape and length (Oppenheim & Schafer 7.6).
            double beta = attenuation > 50 ? 0.1102 * (attenuation - 8.7)
                : attenuation >= 21 ? 0.5842 * Math.Pow(attenuation - 21, 0.4) + 0.07886 * (attenuation - 21)
                : 0;
            int minimumLength = (int)Math.Ceiling((attenuation - 8) / (2.285 * 2 * Math.PI * transition / upsampledRate)) + 1;
            int tapsPerPhase = (minimumLength + _up - 1) / _up;
            // An odd length puts the centre on a tap, so the filter adds no fractional delay.
            int length = tapsPerPhase * _up - (tapsPerPhase * _up % 2 == 0 ? 1 : 0);
            _center = (length - 1) / 2;

            var taps = new double[tapsPerPhase * _up];
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
            double gain = _up / sum;
            int width = Vector<float>.Count;
            _stride = (tapsPerPhase + width - 1) / width * width;
            _phases = new float[_stride * _up];
            for (int p = 0; p < _up; p++)
                for (int k = 0; k < tapsPerPhase; k++)
                    _phases[p * _stride + _stride - 1 - k] = (float)(taps[p + k * _up] * gain);
        }

        public float[] Apply(ReadOnlySpan<float> input)
        {
            int k = _stride;
            // K zeros either side let every window read without bounds checks. Pooled: a clip's
            // worth of samples is a large-object allocation, which costs full collections.
            using var padded = new PooledBuffer<float>(input.Length + 2 * k);
            padded.Span[..k].Clear();
            input.CopyTo(padded.Span[k..]);
            padded.Span[(k + input.Length)..].Clear();
            int outputLength = (int)(((long)input.Length * _up + _down - 1) / _down);
            var output = new float[outputLength];
            ref float phases = ref MemoryMarshal.GetArrayDataReference(_phases);
            ref float samples = ref MemoryMarshal.GetReference(padded.Span);
            for (int n = 0; n < outputLength; n++)
            {
                long t = (long)n * _down + _center;
                int newest = (int)(t / _up);
                int phase = (int)(t - (long)newest * _up);
                // Window x[newest - K + 1 .. newest] sits at padded[newest + 1 ..].
                output[n] = Dot(ref Unsafe.Add(ref phases, phase * k), ref Unsafe.Add(ref samples, newest + 1), k);
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
}
