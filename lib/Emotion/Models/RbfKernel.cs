using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Emotion.Internal;

namespace Emotion.Models;

/// <summary>
/// The Gaussian kernel <c>k(x, s) = exp(−γ‖x − s‖²)</c> between rows and a fixed support, a group of
/// rows at a time: ‖x − s‖² = ‖x‖² + ‖s‖² − 2·x·s, with the products x·s for every s from
/// <see cref="ColumnProducts"/> (one multiply-add per value, four rows per load of the support)
/// rather than one dot product per pair. Every entry of a fit's system and every prediction goes
/// through here, so training and serving compute the same kernel. Immutable and thread-safe.
/// </summary>
internal sealed class RbfKernel
{
    private const int Group = ColumnProducts.Group;
    private readonly ColumnProducts _products;
    private readonly double[] _supportNorms;

    /// <summary>A kernel row's consumer: <paramref name="row"/>'s kernel against every support row.</summary>
    public delegate void RowAction(int row, ReadOnlySpan<double> kernel);

    /// <param name="support">The support rows, standardised.</param>
    /// <param name="supportNorms">Their squared norms.</param>
    /// <param name="gamma">γ.</param>
    public RbfKernel(IReadOnlyList<float[]> support, double[] supportNorms, double gamma)
    {
        _products = new ColumnProducts(support, _ => 0, 0);
        Support = support;
        _supportNorms = supportNorms;
        Gamma = gamma;
    }

    /// <summary>The support rows, standardised.</summary>
    public IReadOnlyList<float[]> Support { get; }

    /// <summary>γ.</summary>
    public double Gamma { get; }

    /// <summary>Support rows: the length of every kernel row.</summary>
    public int Count => _products.Count;

    /// <summary><see cref="ForEachRow"/> over the support itself: the kernel among the support rows.</summary>
    public void ForEachSupportRow(RowAction each) => ForEachRow(Support, _supportNorms, each);

    /// <summary>
    /// Calls <paramref name="each"/> with every row's kernel row, in parallel over groups of rows
    /// (any order; a row once). <paramref name="rows"/> are standardised like the support, and
    /// <paramref name="norms"/> are their squared norms.
    /// </summary>
    public void ForEachRow(IReadOnlyList<float[]> rows, IReadOnlyList<double> norms, RowAction each)
    {
        int dimensions = _products.Dimensions, count = Count, stride = _products.Stride;
        if (rows.Any(r => r.Length != dimensions))
            throw new ArgumentException($"Rows of {dimensions} values expected.", nameof(rows));
        int groups = (rows.Count + Group - 1) / Group;
        Parallel.ForEach(Partitioner.Create(0, groups, Math.Max(1, groups / (8 * Environment.ProcessorCount))), range =>
        {
            var vectors = new float[Group * dimensions];
            var scratch = new float[Group * stride + ColumnProducts.MinimaLength];
            var kernel = new double[Group * count];
            for (int g = range.Item1; g < range.Item2; g++)
            {
                // The last group may be short.
                int first = g * Group, inGroup = Math.Min(Group, rows.Count - first);
                for (int v = 0; v < inGroup; v++)
                    rows[first + v].CopyTo(vectors, v * dimensions);
                _products.Compute(vectors.AsSpan(0, inGroup * dimensions), scratch.AsSpan(0, Group * stride), scratch.AsSpan(Group * stride));
                for (int v = 0; v < inGroup; v++)
                {
                    var products = scratch.AsSpan(v * stride, count);
                    var row = kernel.AsSpan(v * count, count);
                    // Clamped: rounding can make a squared distance slightly negative.
                    for (int k = 0; k < count; k++)
                        row[k] = -Gamma * Math.Max(0, norms[first + v] + _supportNorms[k] - 2.0 * products[k]);
                    TensorPrimitives.Exp(row, row);
                    each(first + v, row);
                }
            }
        });
    }
}
