using System.Globalization;

namespace Emotion.Data;

/// <summary>A train/test partition of a table's row indices.</summary>
/// <param name="Train">Rows to train on.</param>
/// <param name="Test">Rows to evaluate on.</param>
/// <param name="Description">What the test rows are, e.g. <c>actors 1-4</c>.</param>
public sealed record Fold(int[] Train, int[] Test, string Description);

/// <summary>
/// Ways to split a table for evaluation. <see cref="ByActor"/> is the honest one: no speaker is in
/// both train and test. The stratified random splits reproduce the reference's protocol, where each
/// actor's other takes of the same sentence sit in training and flatter the score.
/// </summary>
/// <remarks>
/// A table may hold degraded copies of its clips (rows with a <see cref="FeatureRow.Channel"/>):
/// every split is drawn over the clips as recorded, each copy trains beside its clip, and no copy
/// is ever tested, so a held-out clip is never seen in any form.
/// </remarks>
public static class Folds
{
    /// <summary>A stratified random holdout: <paramref name="testFraction"/> of each class to test (scikit-learn's <c>train_test_split(stratify=y)</c>).</summary>
    public static Fold StratifiedHoldout(FeatureTable table, double testFraction, int seed) =>
        OverRecorded(table, recorded => [StratifiedHoldoutOfRecorded(recorded, testFraction, seed)])[0];

    private static Fold StratifiedHoldoutOfRecorded(FeatureTable table, double testFraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(testFraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(testFraction, 1);
        int needed = (int)Math.Ceiling(1 / testFraction - 1e-9);
        RequireClassSizes(table, needed, string.Create(CultureInfo.InvariantCulture, $"a stratified {100 * testFraction:F0}% holdout (one test clip of each emotion)"));
        var random = new Random(seed);
        var test = new List<int>();
        foreach (var members in ByLabel(table, random))
            test.AddRange(members.Take((int)Math.Round(members.Count * testFraction)));
        var testSet = test.ToHashSet();
        return new Fold([.. Enumerable.Range(0, table.Rows.Count).Where(i => !testSet.Contains(i))], [.. test.Order()],
            string.Create(CultureInfo.InvariantCulture, $"stratified random {testFraction:P0} holdout"));
    }

    /// <summary>Stratified k-fold: each class dealt round-robin across <paramref name="k"/> folds after a seeded shuffle.</summary>
    public static IReadOnlyList<Fold> Stratified(FeatureTable table, int k, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        return OverRecorded(table, recorded => StratifiedOfRecorded(recorded, k, seed));
    }

    private static IReadOnlyList<Fold> StratifiedOfRecorded(FeatureTable table, int k, int seed)
    {
        RequireClassSizes(table, k, $"{k}-fold stratified cross-validation");
        var assignment = new int[table.Rows.Count];
        int next = 0;
        foreach (var members in ByLabel(table, new Random(seed)))
        {
            foreach (int row in members)
                assignment[row] = next++ % k;
        }
        return [.. Enumerable.Range(0, k).Select(f => Split(assignment, f, $"stratified fold {f + 1} of {k}"))];
    }

    /// <summary>
    /// Speaker-independent folds: the actors, in numeric order, cut into <paramref name="k"/>
    /// contiguous groups (RAVDESS's 20 shared actors: 1-4, 5-8, ...; odd male, even female, so each
    /// group is balanced by gender).
    /// </summary>
    /// <exception cref="InsufficientDataException">Some rows have no actor, or there are fewer actors than folds.</exception>
    public static IReadOnlyList<Fold> ByActor(FeatureTable table, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        return OverRecorded(table, recorded => ByActorOfRecorded(recorded, k));
    }

    private static IReadOnlyList<Fold> ByActorOfRecorded(FeatureTable table, int k)
    {
        table.RequireActors("speaker-independent folds");
        var foldOfActor = ActorFolds(table.Rows.Select(r => r.Actor!), k);
        var actors = foldOfActor.Keys.ToList();
        var assignment = table.Rows.Select(r => foldOfActor[r.Actor!]).ToArray();
        return [.. Enumerable.Range(0, k).Select(f =>
        {
            var held = actors.Where(a => foldOfActor[a] == f).ToList();
            return Split(assignment, f, $"actors {held[0]}-{held[^1]}");
        })];
    }

    /// <summary>
    /// Which of <paramref name="k"/> speaker-independent folds each actor falls in (<see cref="ByActor"/>'s
    /// grouping: numeric order cut into contiguous groups), in actor order.
    /// </summary>
    /// <exception cref="InsufficientDataException">There are fewer actors than folds.</exception>
    public static IReadOnlyDictionary<string, int> ActorFolds(IEnumerable<string> actors, int k)
    {
        ArgumentNullException.ThrowIfNull(actors);
        var ordered = actors.Distinct()
            .OrderBy(a => int.TryParse(a, CultureInfo.InvariantCulture, out int n) ? n : int.MaxValue).ThenBy(a => a, StringComparer.Ordinal).ToList();
        if (ordered.Count < k)
            throw new InsufficientDataException($"{k} speaker-independent folds need at least {k} actors; the data has {ordered.Count}.");
        var folds = new Dictionary<string, int>();
        for (int i = 0; i < ordered.Count; i++)
            folds[ordered[i]] = i * k / ordered.Count;
        return folds;
    }

    /// <summary>
    /// Held-out speakers saying a sentence never heard in training: each <see cref="ByActor"/> fold
    /// twice, trained on one statement and tested on the other (2k folds). A feature that scores
    /// only by recognising RAVDESS's two sentences loses here what it gains in <see cref="ByActor"/>.
    /// </summary>
    /// <exception cref="InsufficientDataException">Rows lack an actor, or the table does not hold exactly two statements.</exception>
    public static IReadOnlyList<Fold> ByActorAndStatement(FeatureTable table, int k)
    {
        ArgumentNullException.ThrowIfNull(table);
        var statements = table.Rows.Select(r => r.Clip.Statement).Distinct().Order().ToList();
        if (statements.Count != 2 || statements.Contains(null))
            throw new InsufficientDataException($"Unheard-sentence folds need two statements on every row; the table has: {string.Join(", ", statements.Select(s => s?.ToString(CultureInfo.InvariantCulture) ?? "(none)"))}.");
        return [.. from fold in ByActor(table, k)
                   from heard in statements
                   let unheard = statements.Single(s => s != heard)
                   select new Fold([.. fold.Train.Where(i => table.Rows[i].Clip.Statement == heard)], [.. fold.Test.Where(i => table.Rows[i].Clip.Statement == unheard)],
                       $"{fold.Description}, statement {unheard} (trained on {heard})")];
    }

    /// <summary>
    /// <paramref name="split"/> drawn over the rows of <paramref name="table"/> as recorded, mapped back
    /// to the table's rows, each degraded copy added to the training side of its clip.
    /// </summary>
    private static IReadOnlyList<Fold> OverRecorded(FeatureTable table, Func<FeatureTable, IReadOnlyList<Fold>> split)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Rows.All(r => r.Channel is null))
            return split(table);
        int[] recorded = [.. Enumerable.Range(0, table.Rows.Count).Where(i => table.Rows[i].Channel is null)];
        var copies = Enumerable.Range(0, table.Rows.Count).Where(i => table.Rows[i].Channel is not null).ToLookup(i => table.Rows[i].Path);
        return [.. split(table.Select(recorded)).Select(fold => new Fold(
            [.. fold.Train.Select(i => recorded[i]), .. fold.Train.SelectMany(i => copies[table.Rows[recorded[i]].Path])],
            [.. fold.Test.Select(i => recorded[i])],
            fold.Description))];
    }

    private static Fold Split(int[] assignment, int fold, string description) => new(
        [.. Enumerable.Range(0, assignment.Length).Where(i => assignment[i] != fold)],
        [.. Enumerable.Range(0, assignment.Length).Where(i => assignment[i] == fold)],
        description);

    /// <summary>Throws unless every label of <paramref name="table"/> has at least <paramref name="needed"/> rows.</summary>
    private static void RequireClassSizes(FeatureTable table, int needed, string purpose)
    {
        if (table.Rows.Count == 0)
            throw new InsufficientDataException($"{purpose} needs clips; the table is empty.");
        var smallest = table.ClassCounts().MinBy(c => c.Count);
        if (smallest.Count < needed)
            throw new InsufficientDataException($"{purpose} needs at least {needed} clips of every emotion; '{smallest.Label}' has {smallest.Count}.");
    }

    /// <summary>Row indices of each label, each list shuffled.</summary>
    private static IEnumerable<List<int>> ByLabel(FeatureTable table, Random random) =>
        table.Labels.Select(label =>
        {
            var members = Enumerable.Range(0, table.Rows.Count).Where(i => table.Rows[i].Emotion == label).ToArray();
            random.Shuffle(members);
            return members.ToList();
        }).ToList();
}
