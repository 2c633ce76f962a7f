using System.Globalization;
using Microsoft.Data.Analysis;

namespace Emotion.Data;

/// <summary>What <see cref="FeatureFrame.Clean"/> did.</summary>
/// <param name="Data">The cleaned frame: metadata as text, features as numbers, rows renumbered from 0.</param>
/// <param name="RowsBefore">Rows read.</param>
/// <param name="RowsAfter">Rows kept.</param>
/// <param name="ValuesCoerced">Feature cells that were not numbers and became missing.</param>
/// <param name="FeatureColumns">The columns treated as features.</param>
public sealed record CleaningResult(DataFrame Data, long RowsBefore, long RowsAfter, int ValuesCoerced, IReadOnlyList<string> FeatureColumns)
{
    /// <summary>Rows dropped for a missing label or feature.</summary>
    public long RowsDropped => RowsBefore - RowsAfter;
}

/// <summary>
/// The feature table as a Microsoft.Data.Analysis <see cref="DataFrame"/>, and the reference's
/// cleaning step on it (pandas: <c>to_numeric(errors='coerce')</c>, <c>dropna()</c>, <c>reset_index(drop=True)</c>).
/// </summary>
public static class FeatureFrame
{
    /// <summary>Reads a feature CSV with every column as text, so that cleaning, not a type guess, decides what is a number.</summary>
    public static DataFrame ReadCsv(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: feature table not found (make it with scripts/extract.cs)", path);
        string header = File.ReadLines(path).FirstOrDefault() ?? throw new InvalidDataException($"{path}: the file is empty");
        int columns = header.Split(',').Length;
        return DataFrame.LoadCsv(path, dataTypes: [.. Enumerable.Repeat(typeof(string), columns)], guessRows: 0);
    }

    /// <summary>
    /// Coerces every non-metadata column to numbers (anything unparseable becomes missing), drops
    /// rows missing a feature or the emotion label, and renumbers the rows.
    /// </summary>
    public static CleaningResult Clean(DataFrame raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var featureColumns = raw.Columns.Select(c => c.Name).Where(n => !FeatureCsv.MetadataColumns.Contains(n)).ToList();
        if (!raw.Columns.Any(c => c.Name == "emotion"))
            throw new InvalidDataException("The table has no 'emotion' column.");
        if (featureColumns.Count == 0)
            throw new InvalidDataException("The table has no feature columns.");

        var cleaned = new DataFrame();
        int coerced = 0;
        foreach (var column in raw.Columns)
        {
            if (!featureColumns.Contains(column.Name))
            {
                cleaned.Columns.Add(AsText(column));
                continue;
            }
            var numbers = new SingleDataFrameColumn(column.Name, column.Length);
            for (long i = 0; i < column.Length; i++)
            {
                string? text = column[i]?.ToString();
                if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && float.IsFinite(value))
                    numbers[i] = value;
                else
                {
                    numbers[i] = null;
                    if (!string.IsNullOrWhiteSpace(text))
                        coerced++;
                }
            }
            cleaned.Columns.Add(numbers);
        }

        // Empty labels are missing values too.
        var emotion = (StringDataFrameColumn)cleaned.Columns["emotion"];
        for (long i = 0; i < emotion.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(emotion[i]))
                emotion[i] = null;
        }
        var keep = new PrimitiveDataFrameColumn<bool>("keep", cleaned.Rows.Count);
        for (long i = 0; i < cleaned.Rows.Count; i++)
            keep[i] = emotion[i] is not null && featureColumns.All(name => cleaned.Columns[name][i] is not null);
        var result = cleaned.Filter(keep);
        return new CleaningResult(result, raw.Rows.Count, result.Rows.Count, coerced, featureColumns);
    }

    private static StringDataFrameColumn AsText(DataFrameColumn column)
    {
        var text = new StringDataFrameColumn(column.Name, column.Length);
        for (long i = 0; i < column.Length; i++)
            text[i] = column[i]?.ToString();
        return text;
    }
}
