using System.Globalization;
using Emotion.Data;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace Emotion.Models;

/// <summary>
/// A learner and its hyperparameters. Each kind is a record with documented defaults; training one
/// gives a multiclass model whose outputs are class probabilities.
/// </summary>
/// <remarks>
/// Model bundles store these options as JSON, each kind under its own name; the bundle registers
/// the kinds (<c>ModelBundle</c>), since some, such as the inner search, live in higher layers.
/// </remarks>
public abstract record ModelOptions
{
    /// <summary>The learner with its settings, e.g. <c>random-forest(trees=200, ...)</c>.</summary>
    public abstract string Describe();

    internal abstract IClassifier Fit(FeatureTable data, int[] labelKeys, int classCount, int seed);

    /// <summary>The options that trained <paramref name="fitted"/>: these, unless they choose among candidates while fitting.</summary>
    internal virtual ModelOptions Settled(IClassifier fitted) => this;

    internal abstract IClassifier Load(Stream stream, int featureCount);

    private protected static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// scikit-learn's <c>RandomForestClassifier</c>, parameter for parameter (see
/// <see cref="RandomForestClassifier"/>). The defaults are scikit-learn's; <see cref="ReferenceTuned"/>
/// is the reference analysis's grid-search winner.
/// </summary>
/// <remarks>
/// ML.NET has no multiclass forest: its FastForest is binary, and one-versus-all over it took about
/// 80 s per 200-tree model here and scored below this forest, which makes a grid search impractical.
/// </remarks>
public sealed record RandomForestOptions : ModelOptions
{
    /// <summary>Number of trees (<c>n_estimators</c>). Default 100.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Deepest a tree grows (<c>max_depth</c>); null grows until leaves are pure. Default null.</summary>
    public int? MaximumDepth { get; init; }

    /// <summary>Fewest rows a node needs to be split (<c>min_samples_split</c>). Default 2.</summary>
    public int MinimumSamplesToSplit { get; init; } = 2;

    /// <summary>Fewest rows in a leaf (<c>min_samples_leaf</c>). Default 1.</summary>
    public int MinimumExamplesPerLeaf { get; init; } = 1;

    /// <summary>Features tried at each split (<c>max_features</c>); null = √d. Default null.</summary>
    public int? MaximumFeatures { get; init; }

    /// <summary>Grow each tree on a bootstrap sample (<c>bootstrap</c>). Default true.</summary>
    public bool Bootstrap { get; init; } = true;

    /// <summary>The reference's tuned forest: 200 trees, depth 30, min leaf 1, min split 2, no bootstrap.</summary>
    public static RandomForestOptions ReferenceTuned { get; } = new() { Trees = 200, MaximumDepth = 30, Bootstrap = false };

    /// <inheritdoc/>
    public override string Describe() => Format(
        $"random-forest(trees={Trees}, max_depth={(MaximumDepth is int d ? d.ToString(CultureInfo.InvariantCulture) : "none")}, min_split={MinimumSamplesToSplit}, min_leaf={MinimumExamplesPerLeaf}, max_features={(MaximumFeatures is int f ? f.ToString(CultureInfo.InvariantCulture) : "sqrt")}, bootstrap={Bootstrap})");

    internal override IClassifier Fit(FeatureTable data, int[] labelKeys, int classCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Trees);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumSamplesToSplit, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MinimumExamplesPerLeaf);
        return RandomForestClassifier.Train([.. data.Rows.Select(r => r.Features)], labelKeys, classCount, this, seed);
    }

    internal override IClassifier Load(Stream stream, int featureCount) => RandomForestClassifier.Load(stream);
}

/// <summary>
/// Kernel ridge classification with a Gaussian kernel on standardised features (see
/// <see cref="KernelRidgeClassifier"/>): the nonlinear, smooth learner that ML.NET lacks (it has no
/// kernel SVM), exact and deterministic.
/// </summary>
public sealed record KernelRidgeOptions : ModelOptions
{
    /// <summary>γ of the kernel exp(−γ‖x − y‖²) on standardised features, as a multiple of 1 / feature count (1 is scikit-learn's <c>gamma="scale"</c>). Default 1.</summary>
    public double GammaScale { get; init; } = 1;

    /// <summary>Ridge penalty λ: larger is smoother. Default 1.</summary>
    public double Ridge { get; init; } = 1;

    /// <summary>Weight rows inversely to their class's frequency. Default true.</summary>
    public bool BalanceClasses { get; init; } = true;

    /// <inheritdoc/>
    public override string Describe() => Format(
        $"rbf-kernel-ridge(gamma={GammaScale}/d, ridge={Ridge}, balanced={BalanceClasses})");

    internal override IClassifier Fit(FeatureTable data, int[] labelKeys, int classCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Ridge);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(GammaScale);
        return KernelRidgeClassifier.Train([.. data.Rows.Select(r => r.Features)], labelKeys, classCount, this, i => data.Rows[i].Channel is null);
    }

    internal override IClassifier Load(Stream stream, int featureCount) => KernelRidgeClassifier.Load(stream, featureCount);
}

/// <summary>A learner from ML.NET: its pipeline reads <c>Features</c> and a key-typed <c>Label</c> and outputs a <c>Score</c> per class.</summary>
public abstract record MlNetModelOptions : ModelOptions
{
    internal abstract IEstimator<ITransformer> CreateTrainer(MLContext ml, int featureCount);

    internal override IClassifier Fit(FeatureTable data, int[] labelKeys, int classCount, int seed) =>
        MlNetClassifier.Fit(this, data, labelKeys, classCount, seed);

    internal override IClassifier Load(Stream stream, int featureCount) => MlNetClassifier.Load(stream, featureCount);
}

/// <summary>
/// A linear support vector machine, one-versus-all with Platt-calibrated probabilities, on
/// standardised features (the reference compared an SVM on unscaled features).
/// </summary>
public sealed record LinearSvmOptions : MlNetModelOptions
{
    /// <summary>Passes over the data. Default 100.</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>L2 regularisation weight. Default 0.001.</summary>
    public float Lambda { get; init; } = 0.001f;

    /// <inheritdoc/>
    public override string Describe() => Format($"linear-svm(iterations={Iterations}, lambda={Lambda})");

    internal override IEstimator<ITransformer> CreateTrainer(MLContext ml, int featureCount) =>
        ml.Transforms.NormalizeMeanVariance("Features").Append(ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options { NumberOfIterations = Iterations, Lambda = Lambda })));
}

/// <summary>Multinomial logistic regression (SDCA maximum entropy) on standardised features.</summary>
public sealed record MaximumEntropyOptions : MlNetModelOptions
{
    /// <summary>L2 regularisation; null lets SDCA choose. Default null.</summary>
    public float? L2Regularization { get; init; }

    /// <summary>Most passes over the data. Default 100.</summary>
    public int MaximumIterations { get; init; } = 100;

    /// <inheritdoc/>
    public override string Describe() => Format($"maximum-entropy(l2={(L2Regularization is float l ? l.ToString(CultureInfo.InvariantCulture) : "auto")}, iterations={MaximumIterations})");

    internal override IEstimator<ITransformer> CreateTrainer(MLContext ml, int featureCount) =>
        ml.Transforms.NormalizeMeanVariance("Features").Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
            new SdcaMaximumEntropyMulticlassTrainer.Options { L2Regularization = L2Regularization, MaximumNumberOfIterations = MaximumIterations, NumberOfThreads = 1 }));
}

/// <summary>Gradient-boosted trees (LightGBM, multiclass softmax) through ML.NET.</summary>
/// <remarks>
/// On the extended features' actor folds, 100 rounds at 0.15 with 63 bins score as 300 rounds at
/// 0.05 with LightGBM's 255 bins did (60.0% UAR against 59.4%, worst fold 54.5% against 52.9%) in
/// a sixth of the time (8.3 s against 54.0 s): these fits were most of <c>compare.cs</c>'s time.
/// </remarks>
public sealed record LightGbmOptions : MlNetModelOptions
{
    /// <summary>Boosting rounds. Default 100.</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>Most leaves per tree. Default 15.</summary>
    public int Leaves { get; init; } = 15;

    /// <summary>Shrinkage per round. Default 0.15.</summary>
    public double LearningRate { get; init; } = 0.15;

    /// <summary>Fewest examples in a leaf. Default 10.</summary>
    public int MinimumExamplesPerLeaf { get; init; } = 10;

    /// <summary>Most histogram bins per feature. Default 63.</summary>
    public int MaximumBins { get; init; } = 63;

    /// <inheritdoc/>
    public override string Describe() => Format($"lightgbm(iterations={Iterations}, leaves={Leaves}, learning_rate={LearningRate}, min_leaf={MinimumExamplesPerLeaf}, bins={MaximumBins})");

    internal override IEstimator<ITransformer> CreateTrainer(MLContext ml, int featureCount) =>
        ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            NumberOfIterations = Iterations,
            NumberOfLeaves = Leaves,
            LearningRate = LearningRate,
            MinimumExampleCountPerLeaf = MinimumExamplesPerLeaf,
            MaximumBinCountPerFeature = MaximumBins,
            NumberOfThreads = 1,
            Seed = 0,
        });
}
