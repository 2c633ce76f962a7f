using System.Buffers;
using System.Collections.Concurrent;
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
/// <remarks>
/// When only some rows are landmarks (the clean clips, with degraded copies of them beside), the
/// weights live on the landmarks alone and every row still counts in the fit (Nyström's kernel
/// ridge): <c>(Cᵀ·W·C + λ·K_mm)·A = Cᵀ·W·Y</c> with <c>C</c> the kernel between all rows and the
/// landmarks. With every row a landmark this is the exact solution above; with copies it costs
/// n·m² rather than n³, so training on several channels per clip stays quick, and the model keeps
/// the clean clips as its support.
/// </remarks>
internal sealed class KernelRidgeClassifier : IClassifier
{
    private const int FormatVersion = 1;
    private readonly Standardiser _standardiser;
    private readonly float[][] _support;
    private readonly double[] _weights;
    private readonly int _classes;
    private readonly double _gamma;
    private readonly RbfKernel _kernel;

    private KernelRidgeClassifier(Standardiser standardiser, float[][] support, double[] weights, int classes, double gamma, RbfKernel kernel)
    {
        _standardiser = standardiser;
        _support = support;
        _weights = weights;
        _classes = classes;
        _gamma = gamma;
        _kernel = kernel;
    }

    /// <summary>Trains on <paramref name="rows"/>; those <paramref name="isLandmark"/> accepts carry the weights (null: every row).</summary>
    public static KernelRidgeClassifier Train(IReadOnlyList<float[]> rows, int[] labels, int classes, KernelRidgeOptions options, Func<int, bool>? isLandmark = null)
    {
        var standardiser = Standardiser.Fit(rows);
        float[][] standardised = [.. rows.Select(standardiser.Apply)];
        double gamma = options.GammaScale / standardised[0].Length;
        int n = standardised.Length;
        var counts = new int[classes];
        foreach (int label in labels)
            counts[label]++;
        var balance = labels.Select(l => options.BalanceClasses ? n / (double)(classes * counts[l]) : 1).ToArray();
        double[] norms = [.. standardised.Select(SquaredNorm)];
        int[] landmarks = [.. Enumerable.Range(0, n).Where(i => isLandmark?.Invoke(i) ?? true)];
        if (landmarks.Length == 0)
            throw new ArgumentException("Kernel ridge needs at least one landmark row.", nameof(isLandmark));

        if (landmarks.Length == n)
        {
            var kernel = new RbfKernel(standardised, norms, gamma);
            var system = new double[n * n];
            kernel.ForEachRow(standardised, norms, (i, row) => row.CopyTo(system.AsSpan(i * n, n)));
            for (int i = 0; i < n; i++)
                system[i * n + i] += options.Ridge / balance[i];
            var targets = new double[n * classes];
            for (int i = 0; i < n; i++)
                targets[i * classes + labels[i]] = 1;
            CholeskySolve(system, n, targets, classes);
            return new KernelRidgeClassifier(standardiser, standardised, targets, classes, gamma, kernel);
        }

        float[][] support = [.. landmarks.Select(i => standardised[i])];
        double[] supportNorms = [.. landmarks.Select(i => norms[i])];
        var landmarkKernel = new RbfKernel(support, supportNorms, gamma);
        var (lhs, rhs) = NystromSystem(standardised, norms, labels, balance, landmarkKernel, support, supportNorms, classes, options.Ridge);
        CholeskySolve(lhs, support.Length, rhs, classes);
        return new KernelRidgeClassifier(standardiser, support, rhs, classes, gamma, landmarkKernel);
    }

    /// <summary>
    /// Cᵀ·W·C + λ·K_mm (m×m, row-major) and Cᵀ·W·Y (m×classes), C the kernel between every row and
    /// the m landmarks, stored landmark by landmark so each entry of the product is one long dot product.
    /// </summary>
    private static (double[] Lhs, double[] Rhs) NystromSystem(float[][] rows, double[] norms, int[] labels, double[] weights,
        RbfKernel kernel, float[][] support, double[] supportNorms, int classes, double ridge)
    {
        int n = rows.Length, m = kernel.Count;
        // Two m×n blocks (a gigabyte between them at tens of thousands of rows), rented: a fit per
        // fold reuses the last fit's instead of making the collector trace and free them each time.
        var pool = ArrayPool<double>.Shared;
        var columns = new RowMajor(pool.Rent(checked(m * n)), m, n);
        var weighted = new RowMajor(pool.Rent(m * n), m, n);
        try
        {
            kernel.ForEachRow(rows, norms, (i, row) =>
            {
                for (int j = 0; j < m; j++)
                {
                    columns.Values[j * n + i] = row[j];
                    weighted.Values[j * n + i] = row[j] * weights[i];
                }
            });
            var lhs = new double[m * m];
            CrossProducts.SymmetricLower(columns, weighted, lhs);
            // K_mm is exactly symmetric (each product sums the same terms in the same order), so
            // one half gives both.
            kernel.ForEachRow(support, supportNorms, (p, row) =>
            {
                for (int q = 0; q <= p; q++)
                    lhs[p * m + q] = lhs[q * m + p] = lhs[p * m + q] + ridge * row[q];
            });
            var rhs = new double[m * classes];
            Parallel.For(0, m, p =>
            {
                var weightedColumn = weighted.Row(p);
                for (int i = 0; i < n; i++)
                    rhs[p * classes + labels[i]] += weightedColumn[i];
            });
            // A small jitter keeps the system positive definite when landmarks nearly repeat.
            for (int p = 0; p < m; p++)
                lhs[p * m + p] += 1e-8 * lhs[p * m + p] + 1e-10;
            return (lhs, rhs);
        }
        finally
        {
            pool.Return(columns.Values);
            pool.Return(weighted.Values);
        }
    }

    public float[][] Probabilities(IReadOnlyList<float[]> rows)
    {
        float[][] standardised = [.. rows.Select(_standardiser.Apply)];
        double[] norms = [.. standardised.Select(SquaredNorm)];
        var result = new float[rows.Count][];
        _kernel.ForEachRow(standardised, norms, (r, kernel) =>
        {
            var scores = new float[_classes];
            for (int c = 0; c < _classes; c++)
            {
                double sum = 0;
                for (int i = 0; i < kernel.Length; i++)
                    sum += kernel[i] * _weights[i * _classes + c];
                scores[c] = (float)sum;
            }
            result[r] = scores;
        });
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
        return new KernelRidgeClassifier(standardiser, support, weights, classes, gamma, new RbfKernel(support, [.. support.Select(SquaredNorm)], gamma));
    }

    private static double SquaredNorm(float[] x) => TensorPrimitives.Dot(x, x);

    /// <summary>Solves the symmetric positive definite <paramref name="a"/> (n×n, row-major, overwritten) for every column of <paramref name="b"/> (n×m, overwritten with the solution).</summary>
    internal static void CholeskySolve(double[] a, int n, double[] b, int m)
    {
        // a = L·Lᵀ, L stored in the lower triangle, row by row so the inner products are contiguous.
        // The rows below a pivot are independent of one another: in parallel, in ranges large
        // enough to pay for the hand-off (the factorisation is n³/3 multiply-adds, seconds at n = 2000).
        for (int j = 0; j < n; j++)
        {
            double diagonal = a[j * n + j] - TensorPrimitives.Dot(a.AsSpan(j * n, j), a.AsSpan(j * n, j));
            if (diagonal <= 0)
                throw new InvalidOperationException("The kernel system is not positive definite; raise the ridge penalty.");
            double pivot = Math.Sqrt(diagonal);
            a[j * n + j] = pivot;
            int column = j;
            if (j + 1 < n)
                Parallel.ForEach(Partitioner.Create(j + 1, n, Math.Max(64, (n - j) / (4 * Environment.ProcessorCount))), range =>
                {
                    var rowJ = a.AsSpan(column * n, column);
                    for (int i = range.Item1; i < range.Item2; i++)
                        a[i * n + column] = (a[i * n + column] - TensorPrimitives.Dot(a.AsSpan(i * n, column), rowJ)) / pivot;
                });
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
