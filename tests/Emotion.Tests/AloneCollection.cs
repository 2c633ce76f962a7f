namespace Emotion.Tests;

/// <summary>Tests that measure the process's memory, run while no other test allocates.</summary>
[CollectionDefinition(nameof(AloneCollection), DisableParallelization = true)]
public sealed class AloneCollection;
