using System.Numerics;

namespace Emotion.Features;

/// <summary>
/// librosa's chroma filter bank (<c>librosa.filters.chroma</c> with <c>tuning=0</c>, A440): for
/// each pitch class, a Gaussian bump over every FFT bin's position in the octave, two semitones
/// wide, each bin's column normalised to unit length, weighted towards octave 5 (two octaves
/// either side), rolled so that C comes first.
/// </summary>
internal sealed class ChromaFilterBank
{
    private const double CentreOctave = 5.0;
    private const double OctaveWidth = 2.0;
    private readonly float[][] _weights;

    public ChromaFilterBank(int sampleRate, int fftSize, int bins = 12)
    {
        int useful = fftSize / 2 + 1;
        // Each FFT bin's position in chroma bins above A0 (A440 / 16); bin 0 gets a made-up
        // position 1.5 octaves below bin 1, so that it is broad and rotated from it.
        var position = new double[fftSize];
        for (int k = 1; k < fftSize; k++)
            position[k] = bins * Math.Log2(k * (double)sampleRate / fftSize / (440.0 / 16));
        position[0] = position[1] - 1.5 * bins;
        var width = new double[fftSize];
        for (int k = 0; k < fftSize - 1; k++)
            width[k] = Math.Max(position[k + 1] - position[k], 1.0);
        width[fftSize - 1] = 1;

        double half = Math.Round(bins / 2.0);
        var weights = new double[bins, fftSize];
        for (int k = 0; k < fftSize; k++)
        {
            double norm = 0;
            for (int c = 0; c < bins; c++)
            {
                // Distance from chroma bin c, wrapped into −bins/2 .. bins/2 (librosa's remainder form).
                double d = Remainder(position[k] - c + half + 10 * bins, bins) - half;
                double w = Math.Exp(-0.5 * Math.Pow(2 * d / width[k], 2));
                weights[c, k] = w;
                norm += w * w;
            }
            double scale = (norm > 0 ? 1 / Math.Sqrt(norm) : 0) * Math.Exp(-0.5 * Math.Pow((position[k] / bins - CentreOctave) / OctaveWidth, 2));
            for (int c = 0; c < bins; c++)
                weights[c, k] *= scale;
        }
        // Roll by −3 so that C, not A, is the first bin; keep the non-aliased bins only.
        int shift = 3 * (bins / 12);
        _weights = new float[bins][];
        for (int c = 0; c < bins; c++)
        {
            _weights[c] = new float[useful];
            for (int k = 0; k < useful; k++)
                _weights[c][k] = (float)weights[(c + shift) % bins, k];
        }
    }

    /// <summary>Pitch classes, C first.</summary>
    public int BinCount => _weights.Length;

    /// <summary>Writes each pitch class's energy, lane by lane, from <paramref name="power"/> spectra into <paramref name="destination"/>.</summary>
    public void Apply(ReadOnlySpan<Vector<float>> power, Span<Vector<float>> destination)
    {
        for (int c = 0; c < _weights.Length; c++)
        {
            var weights = _weights[c];
            var sum = Vector<float>.Zero;
            for (int k = 0; k < weights.Length; k++)
                sum += power[k] * weights[k];
            destination[c] = sum;
        }
    }

    /// <summary>NumPy's remainder: the sign of the divisor.</summary>
    private static double Remainder(double x, double m) => x - m * Math.Floor(x / m);
}
