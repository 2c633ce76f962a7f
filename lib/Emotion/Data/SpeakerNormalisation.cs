namespace Emotion.Data;

/// <summary>
/// Speaker normalisation: each clip's row minus the mean of its speaker's rows, so that what is left
/// is how the clip departs from that voice's habit (a high voice is not an excited one). It needs
/// several unlabelled clips of the speaker; one clip alone centres to zero. Pipelines use it through
/// <see cref="Models.SpeakerCentringOptions"/>.
/// </summary>
public static class SpeakerNormalisation
{
    /// <summary>Every row minus the mean of the rows of its actor.</summary>
    /// <exception cref="InsufficientDataException">A row has no actor.</exception>
    public static FeatureTable ByActor(FeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.RequireActors("speaker normalisation and its models");
        var means = table.Rows.GroupBy(r => r.Actor!).ToDictionary(g => g.Key, g => Mean([.. g.Select(r => r.Features)]));
        return new FeatureTable(table.FeatureNames, [.. table.Rows.Select(r => r with { Features = Subtract(r.Features, means[r.Actor!]) })]);
    }

    /// <summary>Clips of one speaker, each minus their mean.</summary>
    public static float[][] Centre(IReadOnlyList<float[]> clips)
    {
        ArgumentNullException.ThrowIfNull(clips);
        if (clips.Count == 0)
            return [];
        var mean = Mean(clips);
        return [.. clips.Select(c => Subtract(c, mean))];
    }

    private static double[] Mean(IReadOnlyList<float[]> rows)
    {
        var mean = new double[rows[0].Length];
        foreach (var row in rows)
        {
            if (row.Length != mean.Length)
                throw new ArgumentException($"Rows have {mean.Length} and {row.Length} features.", nameof(rows));
            for (int j = 0; j < row.Length; j++)
                mean[j] += row[j];
        }
        for (int j = 0; j < mean.Length; j++)
            mean[j] /= rows.Count;
        return mean;
    }

    private static float[] Subtract(float[] row, double[] mean)
    {
        var centred = new float[row.Length];
        for (int j = 0; j < row.Length; j++)
            centred[j] = (float)(row[j] - mean[j]);
        return centred;
    }
}
