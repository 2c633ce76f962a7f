namespace Emotion.Internal;

/// <summary>
/// <paramref name="Count"/> rows of <paramref name="Length"/> values each, one after another in
/// <paramref name="Values"/>, which may be longer (a pooled array): one object however many rows,
/// where an array per row would be thousands for the collector to promote and trace.
/// </summary>
internal readonly record struct RowMajor(double[] Values, int Count, int Length)
{
    public Span<double> Row(int row) => Values.AsSpan(row * Length, Length);
}
