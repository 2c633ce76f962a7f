namespace Emotion.Data;

/// <summary>How a corpus folder names its labels.</summary>
public enum CorpusLayout
{
    /// <summary><see cref="Ravdess"/> when any file name parses as RAVDESS, else <see cref="Folders"/>.</summary>
    Auto,

    /// <summary>Labels and metadata come from RAVDESS file names, wherever the files sit.</summary>
    Ravdess,

    /// <summary><c>&lt;root&gt;/&lt;label&gt;/&lt;clip&gt;</c>: the first folder under the root is the label.</summary>
    Folders,
}

/// <summary>One audio file of a corpus.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Info">Its path under the corpus root, its label (null when the layout gives none) and what else its name tells.</param>
public sealed record CorpusClip(string Path, ClipInfo Info)
{
    /// <summary>Path under the corpus root, with '/' separators.</summary>
    public string RelativePath => Info.Path;

    /// <summary>The label, or null when the layout gives none for this file.</summary>
    public string? Emotion => Info.Emotion;
}

/// <summary>
/// The audio files under a folder with their labels. A file whose label cannot be read from the
/// layout is kept, unlabelled, and listed in <see cref="Unlabelled"/>: it is never guessed at.
/// </summary>
public sealed class CorpusCatalog
{
    /// <summary>Extensions treated as audio when scanning (the unsupported ones then fail with a clear reason, not silently).</summary>
    public static IReadOnlyList<string> AudioExtensions { get; } =
        [".wav", ".mp3", ".ogg", ".flac", ".m4a", ".aac", ".opus", ".wma", ".aif", ".aiff", ".webm"];

    private CorpusCatalog(string root, CorpusLayout layout, IReadOnlyList<CorpusClip> clips, IReadOnlyList<string> skipped)
    {
        Root = root;
        Layout = layout;
        Clips = clips;
        Unlabelled = [.. clips.Where(c => c.Emotion is null)];
        Skipped = skipped;
    }

    /// <summary>The scanned folder, as a full path.</summary>
    public string Root { get; }

    /// <summary>The layout used (never <see cref="CorpusLayout.Auto"/>).</summary>
    public CorpusLayout Layout { get; }

    /// <summary>Every audio file, ordered by relative path.</summary>
    public IReadOnlyList<CorpusClip> Clips { get; }

    /// <summary>Files with no label under <see cref="Layout"/>.</summary>
    public IReadOnlyList<CorpusClip> Unlabelled { get; }

    /// <summary>Files under the root that are not audio (a README, a label map), by relative path: listed, never read.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>Scans <paramref name="root"/> recursively for audio files.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static CorpusCatalog Scan(string root, CorpusLayout layout = CorpusLayout.Auto)
    {
        ArgumentNullException.ThrowIfNull(root);
        string full = System.IO.Path.GetFullPath(root);
        if (!Directory.Exists(full))
            throw new DirectoryNotFoundException($"{root}: data folder not found");

        var all = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            .Select(f => (Path: f, Relative: System.IO.Path.GetRelativePath(full, f).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
        var files = all.Where(f => AudioExtensions.Contains(System.IO.Path.GetExtension(f.Path).ToLowerInvariant())).ToList();
        var skipped = all.Where(f => !AudioExtensions.Contains(System.IO.Path.GetExtension(f.Path).ToLowerInvariant())).Select(f => f.Relative).ToList();
        if (layout == CorpusLayout.Auto)
            layout = files.Any(f => RavdessName.TryParse(f.Path, out _)) ? CorpusLayout.Ravdess : CorpusLayout.Folders;

        var clips = files.Select(f => layout == CorpusLayout.Ravdess ? FromRavdessName(f.Path, f.Relative) : FromFolder(f.Path, f.Relative));
        return new CorpusCatalog(full, layout, [.. clips], skipped);
    }

    /// <summary>The same corpus with only the clips <paramref name="keep"/> accepts.</summary>
    public CorpusCatalog Where(Func<CorpusClip, bool> keep) => new(Root, Layout, [.. Clips.Where(keep)], Skipped);

    private static CorpusClip FromRavdessName(string path, string relative) =>
        new(path, RavdessName.TryParse(path, out var name) ? ClipInfo.FromRavdess(relative, name) : new ClipInfo(relative, null));

    private static CorpusClip FromFolder(string path, string relative)
    {
        int slash = relative.IndexOf('/', StringComparison.Ordinal);
        string? label = slash > 0 ? relative[..slash].ToLowerInvariant() : null;
        return new CorpusClip(path, new ClipInfo(relative, label));
    }
}
