using Emotion.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Emotion.Models;

/// <summary>An ML.NET pipeline as a classifier; its input schema fixes the feature count.</summary>
internal sealed class MlNetClassifier : IClassifier
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly SchemaDefinition _schema;

    private MlNetClassifier(MLContext ml, ITransformer transformer, int featureCount)
    {
        _ml = ml;
        _transformer = transformer;
        _schema = FeaturesOnly.Schema(featureCount);
    }

    public static MlNetClassifier Fit(MlNetModelOptions options, FeatureTable data, int[] labelKeys, int classCount, int seed)
    {
        var ml = new MLContext(seed);
        int featureCount = data.FeatureNames.Count;
        var rows = ml.Data.LoadFromEnumerable(data.Rows.Select((r, i) => new Labelled { Features = r.Features, Label = (uint)labelKeys[i] }), Labelled.Schema(featureCount, classCount));
        return new MlNetClassifier(ml, options.CreateTrainer(ml, featureCount).Fit(rows), featureCount);
    }

    public static MlNetClassifier Load(Stream stream, int featureCount)
    {
        var ml = new MLContext();
        return new MlNetClassifier(ml, ml.Model.Load(stream, out _), featureCount);
    }

    public float[][] Probabilities(IReadOnlyList<float[]> rows)
    {
        var data = _ml.Data.LoadFromEnumerable(rows.Select(r => new FeaturesOnly { Features = r }), _schema);
        return [.. _ml.Data.CreateEnumerable<Output>(_transformer.Transform(data), reuseRowObject: false).Select(o => o.Score)];
    }

    public void Save(Stream stream) =>
        _ml.Model.Save(_transformer, _ml.Data.LoadFromEnumerable(Array.Empty<FeaturesOnly>(), _schema).Schema, stream);

    /// <summary>A row to classify.</summary>
    private sealed class FeaturesOnly
    {
        public float[] Features { get; set; } = [];

        public static SchemaDefinition Schema(int featureCount)
        {
            var schema = SchemaDefinition.Create(typeof(FeaturesOnly));
            schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
            return schema;
        }
    }

    /// <summary>A training row; the label is the 0-based class index (LoadFromEnumerable maps it onto ML.NET's 1-based keys).</summary>
    private sealed class Labelled
    {
        public float[] Features { get; set; } = [];

        public uint Label { get; set; }

        public static SchemaDefinition Schema(int featureCount, int classCount)
        {
            var schema = SchemaDefinition.Create(typeof(Labelled));
            schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
            schema[nameof(Label)].ColumnType = new KeyDataViewType(typeof(uint), classCount);
            return schema;
        }
    }

    private sealed class Output
    {
        public float[] Score { get; set; } = [];
    }
}
