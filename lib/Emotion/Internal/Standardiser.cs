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
        var sums = new Sums(rows[0].Length);
        foreach (var row in rows)
            sums.Add(row);
        return sums.Standardiser();
    }

    /// <summary>
    /// Each feature's sum and sum of squares over rows added one at a time, for rows that are not
    /// arrays of their own (a clip's frames). Whole vectors of features at a time, as k-means sums
    /// its frames (AudioCodebook.Learn): each feature still summed row after row in double
    /// precision, and a float's square is exact in a double, so the sums are those of one feature
    /// at a time, at a fraction of the time over a million audio-word frames per fit.
    /// </summary>
    internal sealed class Sums(int length)
    {
        private readonly double[] _sum = new double[length];
        private readonly double[] _square = new double[length];
        private readonly double[] _widened = new double[length];
        private int _rows;

        public void Add(ReadOnlySpan<float> row)
        {
            if (row.Length != _sum.Length)
                throw new ArgumentException($"Rows of {row.Length} and {_sum.Length} values.", nameof(row));
            TensorPrimitives.ConvertChecked<float, double>(row, _widened);
            TensorPrimitives.Add(_sum, _widened, _sum);
            TensorPrimitives.MultiplyAdd(_widened, _widened, _square, _square);
            _rows++;
        }

        public Standardiser Standardiser()
        {
            var m = new float[_sum.Length];
            var inverse = new float[_sum.Length];
            for (int j = 0; j < m.Length; j++)
            {
                double mu = _sum[j] / _rows;
                double sd = Math.Sqrt(Math.Max(0, _square[j] / _rows - mu * mu));
                m[j] = (float)mu;
                inverse[j] = sd > 1e-12 ? (float)(1 / sd) : 1;
            }
            return new Standardiser(m, inverse);
        }
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
