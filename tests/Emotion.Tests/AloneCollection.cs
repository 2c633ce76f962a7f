namespace Emotion.Tests;

/// <summary>Tests that measure the process's memory or need its thread pool, run while no other test allocates or holds threads.</summary>
[CollectionDefinition(nameof(AloneCollection), DisableParallelization = true)]
public sealed class AloneCollection;
