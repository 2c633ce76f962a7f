using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
    // Far beyond any corpus this trains on (RAVDESS: 2036 clips, 8 emotions); limits for reading a bundle.
    private const int MaximumSupport = 1 << 20;
    private const int MaximumClasses = 1 << 10;
    private readonly Standardiser _standardiser;
    private readonly RbfKernel _kernel;
    private readonly double[] _weights;
    private readonly int _classes;

    private KernelRidgeClassifier(Standardiser standardiser, RbfKernel kernel, double[] weights, int classes)
    {
        _standardiser = standardiser;
        _kernel = kernel;
        _weights = weights;
        _classes = classes;
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
            kernel.ForEachSupportRow((i, row) => row.CopyTo(system.AsSpan(i * n, n)));
            for (int i = 0; i < n; i++)
                system[i * n + i] += options.Ridge / balance[i];
            var targets = new double[n * classes];
            for (int i = 0; i < n; i++)
                targets[i * classes + labels[i]] = 1;
            CholeskySolve(system, n, targets, classes);
            return new KernelRidgeClassifier(standardiser, kernel, targets, classes);
        }

        var landmarkKernel = new RbfKernel([.. landmarks.Select(i => standardised[i])], [.. landmarks.Select(i => norms[i])], gamma);
        var (lhs, rhs) = NystromSystem(standardised, norms, labels, balance, landmarkKernel, classes, options.Ridge);
        CholeskySolve(lhs, landmarkKernel.Count, rhs, classes);
        return new KernelRidgeClassifier(standardiser, landmarkKernel, rhs, classes);
    }

    /// <summary>
    /// Cᵀ·W·C + λ·K_mm (m×m, row-major) and Cᵀ·W·Y (m×classes), C the kernel between every row and
    /// the m landmarks, stored landmark by landmark so each entry of the product is one long dot product.
    /// </summary>
    private static (double[] Lhs, double[] Rhs) NystromSystem(float[][] rows, double[] norms, int[] labels, double[] weights,
        RbfKernel kernel, int classes, double ridge)
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
            kernel.ForEachSupportRow((p, row) =>
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
        writer.Write(_kernel.Gamma);
        _standardiser.Write(writer);
        writer.Write(_kernel.Count);
        foreach (var row in _kernel.Support)
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
        // Checked before anything is sized by them: a damaged count would otherwise ask for gigabytes.
        if (classes is < 1 or > MaximumClasses || !double.IsFinite(gamma) || gamma <= 0)
            throw new InvalidDataException($"kernel ridge with {classes} classes and gamma {gamma}");
        var standardiser = Standardiser.Read(reader, featureCount);
        int count = reader.ReadInt32();
        if (count is < 1 or > MaximumSupport)
            throw new InvalidDataException($"kernel ridge with {count} support rows");
        var support = new float[count][];
        for (int i = 0; i < support.Length; i++)
        {
            support[i] = new float[featureCount];
            for (int j = 0; j < featureCount; j++)
                support[i][j] = reader.ReadSingle();
        }
        var weights = new double[support.Length * classes];
        for (int i = 0; i < weights.Length; i++)
            weights[i] = reader.ReadDouble();
        return new KernelRidgeClassifier(standardiser, new RbfKernel(support, [.. support.Select(SquaredNorm)], gamma), weights, classes);
    }

    private static double SquaredNorm(float[] x) => TensorPrimitives.Dot(x, x);

    /// <summary>Solves the symmetric positive definite <paramref name="a"/> (n×n, row-major, overwritten) for every column of <paramref name="b"/> (n×m, overwritten with the solution).</summary>
    internal static void CholeskySolve(double[] a, int n, double[] b, int m)
    {
        Factor(a, n);
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

    /// <summary>
    /// a = L·Lᵀ, L stored in the lower triangle row by row (left-looking), four columns at a time:
    /// each row's dot products with the four columns' rows share every load of the row, a quarter
    /// of the reading one column at a time took (the whole triangle per column: the factorisation
    /// is n³/6 multiply-adds, and was waiting on memory). The rows below a block are independent
    /// of one another: in parallel, in ranges large enough to pay for the hand-off.
    /// </summary>
    private static void Factor(double[] a, int n)
    {
        for (int j0 = 0; j0 < n; j0 += FactorBlock)
        {
            int width = Math.Min(FactorBlock, n - j0);
            // The block's own rows first: the rows below divide by their pivots.
            for (int i = j0; i < j0 + width; i++)
                FinishRow(a, n, i, j0, width);
            if (j0 + width < n)
                Parallel.ForEach(Partitioner.Create(j0 + width, n, Math.Max(64, (n - j0) / (4 * Environment.ProcessorCount))), range =>
                {
                    for (int i = range.Item1; i < range.Item2; i++)
                        FinishRow(a, n, i, j0, width);
                });
        }
    }

    private const int FactorBlock = 4;

    /// <summary>Row <paramref name="i"/>'s entries of L in the block's columns, up to its diagonal.</summary>
    private static void FinishRow(double[] a, int n, int i, int j0, int width)
    {
        Span<double> before = stackalloc double[FactorBlock];
        if (Vector512.IsHardwareAccelerated)
            DotsBefore<Lanes512<double>>(a, n, i, j0, width, before);
        else if (Vector256.IsHardwareAccelerated)
            DotsBefore<Lanes256<double>>(a, n, i, j0, width, before);
        else
            DotsBefore<Lanes128<double>>(a, n, i, j0, width, before);
        for (int c = 0; c < width && j0 + c <= i; c++)
        {
            int j = j0 + c;
            double dot = before[c];
            for (int k = j0; k < j; k++)
                dot += a[i * n + k] * a[j * n + k];
            if (j < i)
            {
                a[i * n + j] = (a[i * n + j] - dot) / a[j * n + j];
                continue;
            }
            double diagonal = a[i * n + i] - dot;
            if (diagonal <= 0)
                throw new InvalidOperationException("The kernel system is not positive definite; raise the ridge penalty.");
            a[i * n + i] = Math.Sqrt(diagonal);
        }
    }

    /// <summary>Row i's dot product with each block column's row over the columns before the block (unchecked: all inside the rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotsBefore<T>(double[] a, int n, int i, int j0, int width, Span<double> dots) where T : struct, ILanes<T, double>
    {
        ref double start = ref MemoryMarshal.GetArrayDataReference(a);
        ref double x = ref Unsafe.Add(ref start, i * n);
        // A block narrower than four (the last) reads its first row in the missing places, unused.
        ref double y0 = ref Unsafe.Add(ref start, j0 * n);
        ref double y1 = ref Unsafe.Add(ref start, (j0 + Math.Min(1, width - 1)) * n);
        ref double y2 = ref Unsafe.Add(ref start, (j0 + Math.Min(2, width - 1)) * n);
        ref double y3 = ref Unsafe.Add(ref start, (j0 + Math.Min(3, width - 1)) * n);
        var zero = T.Broadcast(0);
        var (s0, s1, s2, s3) = (zero, zero, zero, zero);
        int k = 0;
        for (; k + T.Width <= j0; k += T.Width)
        {
            var value = T.Load(ref x, (nuint)k);
            (s0, s1) = (T.MultiplyAdd(value, T.Load(ref y0, (nuint)k), s0), T.MultiplyAdd(value, T.Load(ref y1, (nuint)k), s1));
            (s2, s3) = (T.MultiplyAdd(value, T.Load(ref y2, (nuint)k), s2), T.MultiplyAdd(value, T.Load(ref y3, (nuint)k), s3));
        }
        (dots[0], dots[1], dots[2], dots[3]) = (s0.Sum(), s1.Sum(), s2.Sum(), s3.Sum());
        for (; k < j0; k++)
        {
            double value = Unsafe.Add(ref x, k);
            dots[0] += value * Unsafe.Add(ref y0, k);
            dots[1] += value * Unsafe.Add(ref y1, k);
            dots[2] += value * Unsafe.Add(ref y2, k);
            dots[3] += value * Unsafe.Add(ref y3, k);
        }
    }
}
