namespace Emotion.Evaluation;

/// <summary>
/// How another corpus's labels name the model's emotions. A label maps to a model label when the
/// map file says so, else when it is one (ignoring case), else when it is a common noun form
/// (<c>anger</c> → <c>angry</c>, <c>happiness</c> → <c>happy</c>, ...); everything else is not shared
/// and left out of the evaluation.
/// </summary>
/// <remarks>
/// The file has one mapping per line, <c>corpus label = model label</c>; <c>#</c> starts a comment;
/// <c>boredom =</c> (nothing after the sign) leaves a label out explicitly.
/// </remarks>
public sealed class LabelMap
{
    private static readonly Dictionary<string, string> NounForms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["anger"] = "angry",
        ["happiness"] = "happy",
        ["joy"] = "happy",
        ["sadness"] = "sad",
        ["fear"] = "fearful",
        ["surprise"] = "surprised",
        ["disgusted"] = "disgust",
        ["calmness"] = "calm",
        ["neutrality"] = "neutral",
    };

    private readonly Dictionary<string, string?> _explicit;

    private LabelMap(Dictionary<string, string?> explicitMappings) => _explicit = explicitMappings;

    /// <summary>No file: case-insensitive names and noun forms only.</summary>
    public static LabelMap Default { get; } = new(new(StringComparer.OrdinalIgnoreCase));

    /// <summary>Reads a map file; every target must be one of <paramref name="modelLabels"/>.</summary>
    /// <exception cref="FormatException">A line is malformed or names an unknown model label; the message names the file and line.</exception>
    public static LabelMap Read(string path, IReadOnlyList<string> modelLabels)
    {
        ArgumentNullException.ThrowIfNull(modelLabels);
        var mappings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        int number = 0;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            string line = (raw.IndexOf('#', StringComparison.Ordinal) is int hash and >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
                continue;
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            string from = equals < 0 ? "" : line[..equals].Trim();
            if (from.Length == 0)
                throw new FormatException($"{path}, line {number}: expected 'corpus label = model label', got '{raw.Trim()}'.");
            string to = line[(equals + 1)..].Trim();
            if (to.Length > 0 && !modelLabels.Contains(to, StringComparer.OrdinalIgnoreCase))
                throw new FormatException($"{path}, line {number}: '{to}' is not a model label ({string.Join(", ", modelLabels)}).");
            if (!mappings.TryAdd(from, to.Length == 0 ? null : modelLabels.First(l => l.Equals(to, StringComparison.OrdinalIgnoreCase))))
                throw new FormatException($"{path}, line {number}: '{from}' is mapped twice.");
        }
        return new LabelMap(mappings);
    }

    /// <summary>The model label <paramref name="corpusLabel"/> stands for, or null when the two do not share it.</summary>
    public string? ToModelLabel(string corpusLabel, IReadOnlyList<string> modelLabels)
    {
        ArgumentNullException.ThrowIfNull(modelLabels);
        if (_explicit.TryGetValue(corpusLabel, out string? mapped))
            return mapped;
        string candidate = NounForms.TryGetValue(corpusLabel, out string? noun) ? noun : corpusLabel;
        return modelLabels.FirstOrDefault(l => l.Equals(candidate, StringComparison.OrdinalIgnoreCase));
    }
}
