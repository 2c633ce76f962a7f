using System.Numerics.Tensors;
using Emotion.Internal;

namespace Emotion.Models;

/// <summary>
/// Kernel ridge regression onto class indicators with a Gaussian (RBF) kernel over standardised
/// features, the least-squares cousin of the RBF SVM. Solving <c>(K + λ·W⁻¹)·A = Y</c> once gives
/// every class's weights; a row's scores <c>k(x)·A</c> estimate its class probabilities, since
/// least squares on 0/1 indicators regresses onto P(class | x). Row weights W balance the classes,
/// so that the rarer neutral class counts as much as the others (what UAR rewards).
/// </summary>
internal sealed class KernelRidgeClassifier : IClassifier
{
    private const int FormatVersion = 1;
    private readonly Standardiser _standardiser;
    private readonly float[][] _support;
    private readonly double[] _supportNorms;
    private readonly double[] _weights;
    private readonly int _classes;
    private readonly double _gamma;

    private KernelRidgeClassifier(Standardiser standardiser, float[][] support, double[] supportNorms, double[] weights, int classes, double gamma)
    {
        _standardiser = standardiser;
        _support = support;
        _supportNorms = supportNorms;
        _weights = weights;
        _classes = classes;
        _gamma = gamma;
    }

    public static KernelRidgeClassifier Train(IReadOnlyList<float[]> rows, int[] labels, int classes, KernelRidgeOptions options)
    {
        var standardiser = Standardiser.Fit(rows);
        float[][] support = [.. rows.Select(standardiser.Apply)];
        double gamma = options.GammaScale / support[0].Length;
        int n = support.Length;

        var counts = new int[classes];
        foreach (int label in labels)
            counts[label]++;
        double[] norms = [.. support.Select(SquaredNorm)];
        var system = Gram(support, norms, gamma);
        for (int i = 0; i < n; i++)
        {
            double balance = options.BalanceClasses ? n / (double)(classes * counts[labels[i]]) : 1;
            system[i * n + i] += options.Ridge / balance;
        }

        var targets = new double[n * classes];
        for (int i = 0; i < n; i++)
            targets[i * classes + labels[i]] = 1;
        CholeskySolve(system, n, targets, classes);
        return new KernelRidgeClassifier(standardiser, support, norms, targets, classes, gamma);
    }

    public float[][] Probabilities(IReadOnlyList<float[]> rows)
    {
        var result = new float[rows.Count][];
        var kernel = new double[_support.Length];
        for (int r = 0; r < rows.Count; r++)
        {
            var x = _standardiser.Apply(rows[r]);
            double norm = SquaredNorm(x);
            for (int i = 0; i < _support.Length; i++)
                kernel[i] = Kernel(x, norm, _support[i], _supportNorms[i], _gamma);
            var scores = new float[_classes];
            for (int c = 0; c < _classes; c++)
            {
                double sum = 0;
                for (int i = 0; i < kernel.Length; i++)
                    sum += kernel[i] * _weights[i * _classes + c];
                scores[c] = (float)sum;
            }
            result[r] = scores;
        }
        return result;
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(FormatVersion);
        writer.Write(_classes);
        writer.Write(_gamma);
        _standardiser.Write(writer);
        writer.Write(_support.Length);
        foreach (var row in _support)
            foreach (float value in row)
                writer.Write(value);
        foreach (double weight in _weights)
            writer.Write(weight);
    }

    public static KernelRidgeClassifier Load(Stream stream, int featureCount)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        int version = reader.ReadInt32();
        if (version != FormatVersion)
            throw new InvalidDataException($"kernel ridge format {version} is not {FormatVersion}");
        int classes = reader.ReadInt32();
        double gamma = reader.ReadDouble();
        var standardiser = Standardiser.Read(reader, featureCount);
        var support = new float[reader.ReadInt32()][];
        for (int i = 0; i < support.Length; i++)
        {
            support[i] = new float[featureCount];
            for (int j = 0; j < featureCount; j++)
                support[i][j] = reader.ReadSingle();
        }
        var weights = new double[support.Length * classes];
        for (int i = 0; i < weights.Length; i++)
            weights[i] = reader.ReadDouble();
        return new KernelRidgeClassifier(standardiser, support, [.. support.Select(SquaredNorm)], weights, classes, gamma);
    }

    private static double[] Gram(float[][] support, double[] norms, double gamma)
    {
        int n = support.Length;
        var gram = new double[n * n];
        Parallel.For(0, n, i =>
        {
            for (int j = 0; j <= i; j++)
                gram[i * n + j] = gram[j * n + i] = Kernel(support[i], norms[i], support[j], norms[j], gamma);
        });
        return gram;
    }

    // ‖x − s‖² = ‖x‖² + ‖s‖² − 2·x·s, clamped: rounding can make it slightly negative.
    private static double Kernel(float[] x, double xNorm, float[] s, double sNorm, double gamma) =>
        Math.Exp(-gamma * Math.Max(0, xNorm + sNorm - 2.0 * TensorPrimitives.Dot(x, s)));

    private static double SquaredNorm(float[] x) => TensorPrimitives.Dot(x, x);

    /// <summary>Solves the symmetric positive definite <paramref name="a"/> (n×n, row-major, overwritten) for every column of <paramref name="b"/> (n×m, overwritten with the solution).</summary>
    internal static void CholeskySolve(double[] a, int n, double[] b, int m)
    {
        // a = L·Lᵀ, L stored in the lower triangle, row by row so the inner products are contiguous.
        for (int j = 0; j < n; j++)
        {
            var rowJ = a.AsSpan(j * n, j);
            double diagonal = a[j * n + j] - TensorPrimitives.Dot(rowJ, rowJ);
            if (diagonal <= 0)
                throw new InvalidOperationException("The kernel system is not positive definite; raise the ridge penalty.");
            double pivot = Math.Sqrt(diagonal);
            a[j * n + j] = pivot;
            for (int i = j + 1; i < n; i++)
                a[i * n + j] = (a[i * n + j] - TensorPrimitives.Dot(a.AsSpan(i * n, j), rowJ)) / pivot;
        }
        // Forward substitution L·y = b, then back substitution Lᵀ·x = y, for every column.
        for (int i = 0; i < n; i++)
            for (int c = 0; c < m; c++)
            {
                double sum = b[i * m + c];
                for (int k = 0; k < i; k++)
                    sum -= a[i * n + k] * b[k * m + c];
                b[i * m + c] = sum / a[i * n + i];
            }
        for (int i = n - 1; i >= 0; i--)
            for (int c = 0; c < m; c++)
            {
                double sum = b[i * m + c];
                for (int k = i + 1; k < n; k++)
                    sum -= a[k * n + i] * b[k * m + c];
                b[i * m + c] = sum / a[i * n + i];
            }
    }
}
