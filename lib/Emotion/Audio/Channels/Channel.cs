using System.Globalization;
using System.Text.Json.Serialization;

namespace Emotion.Audio.Channels;

/// <summary>
/// What a recording goes through between the voice and the file: a lower sample rate, a telephone
/// line, a codec, noise, other talkers, a room, a gain, a faster tape. Applying one to a clip gives
/// the clip as that channel would have delivered it; with the same seed, the same clip every time.
/// Used to train on many channels (<see cref="ChannelSampler"/>) and to test under each (<see cref="Conditions"/>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SampleRateChannel), "sample-rate")]
[JsonDerivedType(typeof(TelephoneChannel), "telephone")]
[JsonDerivedType(typeof(OpusChannel), "opus")]
[JsonDerivedType(typeof(NoiseChannel), "noise")]
[JsonDerivedType(typeof(BabbleChannel), "babble")]
[JsonDerivedType(typeof(ReverbChannel), "reverb")]
[JsonDerivedType(typeof(GainChannel), "gain")]
[JsonDerivedType(typeof(SpeedChannel), "speed")]
[JsonDerivedType(typeof(EqualizerChannel), "equalizer")]
[JsonDerivedType(typeof(ChainChannel), "chain")]
public abstract record Channel
{
    /// <summary>The channel in words with its settings, e.g. <c>pink noise 20 dB SNR</c>: a stable key for caches and reports.</summary>
    public abstract string Describe();

    /// <summary>
    /// <paramref name="clip"/> as this channel delivers it, every random choice drawn from
    /// <paramref name="seed"/>; <paramref name="talkers"/> are the other voices a babble channel mixes in.
    /// </summary>
    public AudioClip Apply(AudioClip clip, int seed, IReadOnlyList<AudioClip>? talkers = null)
    {
        ArgumentNullException.ThrowIfNull(clip);
        return Apply(clip, new Random(seed), talkers ?? []);
    }

    /// <summary>Whether the channel mixes in other talkers (and so needs them).</summary>
    public virtual bool NeedsTalkers => false;

    internal abstract AudioClip Apply(AudioClip clip, Random random, IReadOnlyList<AudioClip> talkers);

    private protected static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The clip as the same channels, one after another, deliver it.</summary>
/// <param name="Steps">The channels, in the order the sound goes through them.</param>
public sealed record ChainChannel(IReadOnlyList<Channel> Steps) : Channel
{
    /// <inheritdoc/>
    public override string Describe() => Steps.Count == 0 ? "clean" : string.Join(", then ", Steps.Select(s => s.Describe()));

    /// <inheritdoc/>
    public override bool NeedsTalkers => Steps.Any(s => s.NeedsTalkers);

    internal override AudioClip Apply(AudioClip clip, Random random, IReadOnlyList<AudioClip> talkers)
    {
        foreach (var step in Steps)
            clip = step.Apply(clip, random, talkers);
        return clip;
    }

    /// <summary>Equal when every step is.</summary>
    public bool Equals(ChainChannel? other) => other is not null && Steps.SequenceEqual(other.Steps);

    /// <inheritdoc/>
    public override int GetHashCode() => Steps.Aggregate(0, (hash, step) => HashCode.Combine(hash, step));
}

/// <summary>The clip recorded at <paramref name="SampleRate"/>: everything above its Nyquist frequency gone, then back at the clip's rate.</summary>
/// <param name="SampleRate">The lower rate in Hz, e.g. 16000 or 8000.</param>
public sealed record SampleRateChannel(int SampleRate) : Channel
{
    /// <inheritdoc/>
    public override string Describe() => Invariant($"{SampleRate / 1000.0:0.#} kHz sample rate");

    internal override AudioClip Apply(AudioClip clip, Random random, IReadOnlyList<AudioClip> talkers) =>
        clip.SampleRate <= SampleRate ? clip : clip.Resample(SampleRate).Resample(clip.SampleRate);
}

/// <summary>A gain, in dB: a quieter or louder recording (clipped at full scale, as a recorder clips).</summary>
/// <param name="Decibels">The change of level; −26 is a twentieth of the amplitude.</param>
public sealed record GainChannel(double Decibels) : Channel
{
    /// <inheritdoc/>
    public override string Describe() => Invariant($"{Decibels:+0.#;-0.#} dB gain");

    internal override AudioClip Apply(AudioClip clip, Random random, IReadOnlyList<AudioClip> talkers)
    {
        float scale = (float)Math.Pow(10, Decibels / 20);
        return new AudioClip([.. clip.Samples.Select(s => Math.Clamp(s * scale, -1f, 1f))], clip.SampleRate);
    }
}

/// <summary>Played back faster or slower, as a tape: pitch and tempo move together.</summary>
/// <param name="Factor">Playback speed; 1.1 is 10% faster and higher.</param>
public sealed record SpeedChannel(double Factor) : Channel
{
    /// <inheritdoc/>
    public override string Describe() => Invariant($"speed x{Factor:0.##}");

    internal override AudioClip Apply(AudioClip clip, Random random, IReadOnlyList<AudioClip> talkers)
    {
        // Read the samples as if recorded at rate·factor, then convert back to the clip's rate.
        int rate = (int)Math.Round(clip.SampleRate * Factor);
        return new AudioClip(Resampler.Resample(clip.Samples, rate, clip.SampleRate), clip.SampleRate);
    }
}
