namespace Emotion.Features;

/// <summary>Statistics that summarise a frame-level contour in one number, shared by the feature sets.</summary>
internal static class Functionals
{
    /// <summary>Mean and population standard deviation, accumulated in double (two passes, for accuracy).</summary>
    public static (double Mean, double Deviation) MeanAndDeviation(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values)
            sum += v;
        double mean = sum / values.Length;
        double squares = 0;
        foreach (float v in values)
            squares += (v - mean) * (v - mean);
        return (mean, Math.Sqrt(squares / values.Length));
    }

    /// <summary>Linear interpolation between order statistics of ascending <paramref name="sorted"/> (NumPy's default percentile), <paramref name="q"/> in [0, 1].</summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>librosa's <c>delta(width=5)</c>: a least-squares slope over ±2 frames, edges repeated.</summary>
    public static float[] Delta(float[] series)
    {
        var delta = new float[series.Length];
        int last = series.Length - 1;
        for (int t = 0; t < series.Length; t++)
        {
            float Value(int i) => series[Math.Clamp(i, 0, last)];
            delta[t] = (Value(t + 1) - Value(t - 1) + 2 * (Value(t + 2) - Value(t - 2))) / 10f;
        }
        return delta;
    }

    /// <summary>Least-squares slope of <paramref name="values"/> per index; 0 for fewer than two values.</summary>
    public static double Slope(ReadOnlySpan<float> values)
    {
        if (values.Length < 2)
            return 0;
        double meanX = (values.Length - 1) / 2.0, meanY = 0, numerator = 0, denominator = 0;
        foreach (float v in values)
            meanY += v;
        meanY /= values.Length;
        for (int i = 0; i < values.Length; i++)
        {
            numerator += (i - meanX) * (values[i] - meanY);
            denominator += (i - meanX) * (i - meanX);
        }
        return numerator / denominator;
    }
}
