using Emotion.Internal;

namespace Emotion.Models;

/// <summary>
/// A multiclass random forest of CART trees, as scikit-learn's <c>RandomForestClassifier</c> builds
/// it: each tree grows on all rows (or a bootstrap sample), splits on the Gini criterion over a
/// random subset of features at every node, and predicts the class fractions of its leaf; the
/// forest averages its trees. Trees are trained in parallel, each from its own seed, so the result
/// does not depend on the number of threads.
/// </summary>
internal sealed class RandomForestClassifier : IClassifier
{
    private const int FormatVersion = 1;
    private readonly Tree[] _trees;
    private readonly int _classes;

    private RandomForestClassifier(Tree[] trees, int classes)
    {
        _trees = trees;
        _classes = classes;
    }

    public static RandomForestClassifier Train(IReadOnlyList<float[]> rows, int[] labels, int classes, RandomForestOptions options, int seed)
    {
        int featureCount = rows[0].Length;
        int splitFeatures = options.MaximumFeatures ?? Math.Max(1, (int)Math.Sqrt(featureCount));
        var trees = new Tree[options.Trees];
        Parallel.For(0, options.Trees, t =>
        {
            var random = new Random(Seeds.Derive(seed, t));
            int[] sample = options.Bootstrap
                ? [.. Enumerable.Range(0, rows.Count).Select(_ => random.Next(rows.Count))]
                : [.. Enumerable.Range(0, rows.Count)];
            trees[t] = new TreeBuilder(rows, labels, classes, options, Math.Min(splitFeatures, featureCount), random).Build(sample);
        });
        return new RandomForestClassifier(trees, classes);
    }

    public float[][] Probabilities(IReadOnlyList<float[]> rows) => [.. rows.Select(Probabilities)];

    private float[] Probabilities(float[] row)
    {
        var sum = new float[_classes];
        foreach (var tree in _trees)
        {
            var leaf = tree.Leaf(row);
            for (int c = 0; c < _classes; c++)
                sum[c] += tree.Distributions[leaf * _classes + c];
        }
        for (int c = 0; c < _classes; c++)
            sum[c] /= _trees.Length;
        return sum;
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(FormatVersion);
        writer.Write(_classes);
        writer.Write(_trees.Length);
        foreach (var tree in _trees)
            tree.Write(writer);
    }

    public static RandomForestClassifier Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        int version = reader.ReadInt32();
        if (version != FormatVersion)
            throw new InvalidDataException($"random forest format {version} is not {FormatVersion}");
        int classes = reader.ReadInt32();
        var trees = new Tree[reader.ReadInt32()];
        for (int t = 0; t < trees.Length; t++)
            trees[t] = Tree.Read(reader, classes);
        return new RandomForestClassifier(trees, classes);
    }

    /// <summary>A tree as flat arrays: node i splits on Feature[i] at Threshold[i] (≤ goes left), or is a leaf when Feature[i] is −1.</summary>
    private sealed record Tree(int[] Feature, float[] Threshold, int[] Left, int[] Right, float[] Distributions)
    {
        public int Leaf(float[] row)
        {
            int node = 0;
            while (Feature[node] >= 0)
                node = row[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
            return node;
        }

        public void Write(BinaryWriter writer)
        {
            writer.Write(Feature.Length);
            for (int i = 0; i < Feature.Length; i++)
            {
                writer.Write(Feature[i]);
                writer.Write(Threshold[i]);
                writer.Write(Left[i]);
                writer.Write(Right[i]);
            }
            foreach (float p in Distributions)
                writer.Write(p);
        }

        public static Tree Read(BinaryReader reader, int classes)
        {
            int nodes = reader.ReadInt32();
            var (feature, threshold, left, right) = (new int[nodes], new float[nodes], new int[nodes], new int[nodes]);
            for (int i = 0; i < nodes; i++)
            {
                feature[i] = reader.ReadInt32();
                threshold[i] = reader.ReadSingle();
                left[i] = reader.ReadInt32();
                right[i] = reader.ReadInt32();
            }
            var distributions = new float[nodes * classes];
            for (int i = 0; i < distributions.Length; i++)
                distributions[i] = reader.ReadSingle();
            return new Tree(feature, threshold, left, right, distributions);
        }
    }

    /// <summary>Grows one tree depth-first over an index array it partitions in place.</summary>
    private sealed class TreeBuilder(IReadOnlyList<float[]> rows, int[] labels, int classes, RandomForestOptions options, int splitFeatures, Random random)
    {
        private readonly List<int> _feature = [];
        private readonly List<float> _threshold = [];
        private readonly List<int> _left = [];
        private readonly List<int> _right = [];
        private readonly List<float> _distributions = [];
        private readonly int[] _candidates = [.. Enumerable.Range(0, rows[0].Length)];

        public Tree Build(int[] sample)
        {
            Grow(sample, 0, sample.Length, 0);
            return new Tree([.. _feature], [.. _threshold], [.. _left], [.. _right], [.. _distributions]);
        }

        private int Grow(int[] sample, int start, int end, int depth)
        {
            int node = _feature.Count;
            _feature.Add(-1);
            _threshold.Add(0);
            _left.Add(-1);
            _right.Add(-1);
            var counts = new int[classes];
            for (int i = start; i < end; i++)
                counts[labels[sample[i]]]++;
            int n = end - start;
            foreach (int count in counts)
                _distributions.Add((float)count / n);

            bool pure = counts.Count(c => c > 0) <= 1;
            if (pure || n < options.MinimumSamplesToSplit || n < 2 * options.MinimumExamplesPerLeaf || (options.MaximumDepth is int max && depth >= max))
                return node;
            if (!TryFindSplit(sample, start, end, counts, out int feature, out float threshold))
                return node;

            int middle = Partition(sample, start, end, feature, threshold);
            _feature[node] = feature;
            _threshold[node] = threshold;
            int left = Grow(sample, start, middle, depth + 1);
            int right = Grow(sample, middle, end, depth + 1);
            _left[node] = left;
            _right[node] = right;
            return node;
        }

        /// <summary>The split of the best of <c>splitFeatures</c> random features by Gini impurity decrease.</summary>
        private bool TryFindSplit(int[] sample, int start, int end, int[] counts, out int bestFeature, out float bestThreshold)
        {
            int n = end - start, minLeaf = options.MinimumExamplesPerLeaf;
            // Minimising the weighted child Gini is maximising Σc L[c]²/nL + Σc R[c]²/nR.
            double parentScore = counts.Sum(c => (double)c * c) / n, bestScore = parentScore + 1e-12;
            bestFeature = -1;
            bestThreshold = 0;
            var keys = new float[n];
            var order = new int[n];
            var left = new int[classes];
            for (int k = 0; k < splitFeatures; k++)
            {
                // Partial Fisher-Yates: the first splitFeatures candidates are a random subset.
                int pick = random.Next(k, _candidates.Length);
                (_candidates[k], _candidates[pick]) = (_candidates[pick], _candidates[k]);
                int feature = _candidates[k];
                for (int i = 0; i < n; i++)
                {
                    order[i] = sample[start + i];
                    keys[i] = rows[order[i]][feature];
                }
                Array.Sort(keys, order);
                if (keys[0] == keys[n - 1])
                    continue;
                Array.Clear(left);
                double leftSquares = 0, rightSquares = counts.Sum(c => (double)c * c);
                for (int i = 0; i < n - 1; i++)
                {
                    int c = labels[order[i]];
                    int rightCount = counts[c] - left[c];
                    leftSquares += 2 * left[c] + 1;
                    rightSquares -= 2 * rightCount - 1;
                    left[c]++;
                    int nLeft = i + 1;
                    if (keys[i] == keys[i + 1] || nLeft < minLeaf || n - nLeft < minLeaf)
                        continue;
                    double score = leftSquares / nLeft + rightSquares / (n - nLeft);
                    if (score > bestScore)
                    {
                        bestScore = score;
                        bestFeature = feature;
                        bestThreshold = keys[i] + (keys[i + 1] - keys[i]) / 2;
                        // Midpoints can round up to the right value in float; keep the split between them.
                        if (bestThreshold >= keys[i + 1])
                            bestThreshold = keys[i];
                    }
                }
            }
            return bestFeature >= 0;
        }

        private int Partition(int[] sample, int start, int end, int feature, float threshold)
        {
            int i = start, j = end - 1;
            while (i <= j)
            {
                if (rows[sample[i]][feature] <= threshold)
                    i++;
                else
                {
                    (sample[i], sample[j]) = (sample[j], sample[i]);
                    j--;
                }
            }
            return i;
        }
    }
}
