using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Emotion.Internal;

/// <summary>Per-feature mean and standard deviation from training rows; constant features pass through centred.</summary>
internal sealed class Standardiser
{
    private readonly float[] _mean;
    private readonly float[] _inverseScale;

    private Standardiser(float[] mean, float[] inverseScale)
    {
        _mean = mean;
        _inverseScale = inverseScale;
    }

    public static Standardiser Fit(IReadOnlyList<float[]> rows)
    {
        int d = rows[0].Length;
        var mean = new double[d];
        var square = new double[d];
        // Whole vectors of features at a time, each feature still summed row after row in double
        // precision (a float's square is exact in a double): the same sums as one feature at a
        // time, at a fraction of the time over a million audio-word frames per fit.
        int width = Vector<float>.Count, whole = d - d % width;
        var sums = MemoryMarshal.Cast<double, Vector<double>>(mean.AsSpan(0, whole));
        var squares = MemoryMarshal.Cast<double, Vector<double>>(square.AsSpan(0, whole));
        foreach (var row in rows)
        {
            for (int j = 0; j < whole; j += width)
            {
                Vector.Widen(new Vector<float>(row.AsSpan(j)), out var low, out var high);
                int at = 2 * j / width;
                sums[at] += low;
                sums[at + 1] += high;
                squares[at] += low * low;
                squares[at + 1] += high * high;
            }
            for (int j = whole; j < d; j++)
            {
                mean[j] += row[j];
                square[j] += (double)row[j] * row[j];
            }
        }
        var m = new float[d];
        var inverse = new float[d];
        for (int j = 0; j < d; j++)
        {
            double mu = mean[j] / rows.Count;
            double sd = Math.Sqrt(Math.Max(0, square[j] / rows.Count - mu * mu));
            m[j] = (float)mu;
            inverse[j] = sd > 1e-12 ? (float)(1 / sd) : 1;
        }
        return new Standardiser(m, inverse);
    }

    public float[] Apply(float[] row)
    {
        var result = new float[row.Length];
        Apply(row, result);
        return result;
    }

    public void Apply(ReadOnlySpan<float> row, Span<float> destination)
    {
        TensorPrimitives.Subtract(row, _mean, destination);
        TensorPrimitives.Multiply(destination, _inverseScale, destination);
    }

    public void Write(BinaryWriter writer)
    {
        foreach (float v in _mean)
            writer.Write(v);
        foreach (float v in _inverseScale)
            writer.Write(v);
    }

    public static Standardiser Read(BinaryReader reader, int featureCount)
    {
        var mean = new float[featureCount];
        var inverse = new float[featureCount];
        for (int j = 0; j < featureCount; j++)
            mean[j] = reader.ReadSingle();
        for (int j = 0; j < featureCount; j++)
            inverse[j] = reader.ReadSingle();
        return new Standardiser(mean, inverse);
    }
}
