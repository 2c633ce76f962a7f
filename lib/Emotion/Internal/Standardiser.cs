using System.Numerics.Tensors;

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
        // Whole vectors of features at a time, as k-means sums its frames (AudioCodebook.Learn):
        // each feature still summed row after row in double precision, and a float's square is
        // exact in a double, so the sums are those of one feature at a time, at a fraction of the
        // time over a million audio-word frames per fit.
        var widened = new double[d];
        foreach (var row in rows)
        {
            if (row.Length != d)
                throw new ArgumentException($"Rows of {row.Length} and {d} values.", nameof(rows));
            TensorPrimitives.ConvertChecked<float, double>(row, widened);
            TensorPrimitives.Add(mean, widened, mean);
            TensorPrimitives.MultiplyAdd(widened, widened, square, square);
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
