namespace Emotion.Audio.Channels;

/// <summary>
/// How training copies are degraded: each copy of a clip goes through a random chain of channels
/// (a narrower band or a codec, a microphone's colour, noise or babble, a room, a gain, a speed),
/// each present with its own probability and drawn from a range.
/// </summary>
public sealed record AugmentationOptions
{
    /// <summary>Degraded copies of each training clip, beside the clip itself. Default 3.</summary>
    public int Copies { get; init; } = 3;

    /// <summary>Chance of a lower sample rate (16, 11.025 or 8 kHz), a telephone line or an Opus call. Default 0.6.</summary>
    public double BandProbability { get; init; } = 0.6;

    /// <summary>Chance of a microphone's colouring (shelves of ±8 dB). Default 0.5.</summary>
    public double EqualizerProbability { get; init; } = 0.5;

    /// <summary>Chance of noise (white, pink or brown) or babble, at 0-30 dB SNR. Default 0.6.</summary>
    public double NoiseProbability { get; init; } = 0.6;

    /// <summary>Chance of a room (RT60 0.2-1.2 s). Default 0.4.</summary>
    public double ReverbProbability { get; init; } = 0.4;

    /// <summary>Chance of a speed change (×0.92 or ×1.08). Default 0.2.</summary>
    public double SpeedProbability { get; init; } = 0.2;

    /// <summary>The defaults.</summary>
    public static AugmentationOptions Default { get; } = new();

    /// <summary>Throws, naming the setting, unless the options are usable.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Copies, nameof(Copies));
        foreach (var (name, p) in new[] { (nameof(BandProbability), BandProbability), (nameof(EqualizerProbability), EqualizerProbability), (nameof(NoiseProbability), NoiseProbability), (nameof(ReverbProbability), ReverbProbability), (nameof(SpeedProbability), SpeedProbability) })
        {
            if (p is < 0 or > 1)
                throw new ArgumentOutOfRangeException(name, p, "A probability lies between 0 and 1.");
        }
    }
}

/// <summary>Draws the channel each training copy goes through (<see cref="AugmentationOptions"/>).</summary>
public static class ChannelSampler
{
    /// <summary>A random chain of channels, in the order sound meets them: speed, room, noise, microphone, line, gain.</summary>
    public static ChainChannel Draw(AugmentationOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        var steps = new List<Channel>();
        if (random.NextDouble() < options.SpeedProbability)
            steps.Add(new SpeedChannel(random.Next(2) == 0 ? 0.92 : 1.08));
        if (random.NextDouble() < options.ReverbProbability)
            steps.Add(new ReverbChannel(Math.Round(0.2 + random.NextDouble(), 2)));
        if (random.NextDouble() < options.NoiseProbability)
        {
            double snr = Math.Round(30 * random.NextDouble());
            steps.Add(random.Next(4) == 0 ? new BabbleChannel(snr) : new NoiseChannel((NoiseColour)random.Next(3), snr));
        }
        if (random.NextDouble() < options.EqualizerProbability)
            steps.Add(new EqualizerChannel(Math.Round(16 * random.NextDouble() - 8), Math.Round(16 * random.NextDouble() - 8)));
        if (random.NextDouble() < options.BandProbability)
        {
            steps.Add(random.Next(5) switch
            {
                0 => new SampleRateChannel(16000),
                1 => new SampleRateChannel(11025),
                2 => new SampleRateChannel(8000),
                3 => new TelephoneChannel(),
                _ => new OpusChannel(random.Next(2) == 0 ? 12000 : 24000),
            });
        }
        steps.Add(new GainChannel(Math.Round(-30 * random.NextDouble())));
        return new ChainChannel(steps);
    }
}

/// <summary>The channels every candidate is tested under, on held-out speakers, with noises and rooms training never drew.</summary>
public static class Conditions
{
    /// <summary>The conditions of the results table, clean first.</summary>
    public static IReadOnlyList<Channel> Standard { get; } =
    [
        new ChainChannel([]),
        new SampleRateChannel(16000),
        new SampleRateChannel(8000),
        new TelephoneChannel(),
        new OpusChannel(12000),
        new NoiseChannel(NoiseColour.Pink, 20),
        new NoiseChannel(NoiseColour.White, 20),
        new BabbleChannel(10),
        new ReverbChannel(0.6),
        new GainChannel(-26),
        new SpeedChannel(1.08),
    ];
}
