namespace Emotion.Internal;

/// <summary>Seeds for sub-tasks (a tree, a feature) derived from one user seed, the same in every process.</summary>
/// <remarks><see cref="HashCode.Combine{T1, T2}"/> is randomised per process, so it cannot serve here.</remarks>
internal static class Seeds
{
    /// <summary>A well-mixed seed for item <paramref name="index"/> under <paramref name="seed"/> (SplitMix64's finaliser).</summary>
    public static int Derive(int seed, int index)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }
}
