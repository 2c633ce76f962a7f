using System.Numerics.Tensors;
using Concentus;
using Concentus.Enums;
using NWaves.Filters.Base;
using NWaves.Operations;
using NWaves.Signals;

namespace Emotion.Audio.Channels;

/// <summary>The spectrum of added noise: flat, falling 3 dB per octave, or 6 dB per octave.</summary>
public enum NoiseColour
{
    /// <summary>Equal power at every frequency (hiss).</summary>
    White,

    /// <summary>Equal power in every octave (fans, rain, rooms).</summary>
    Pink,

    /// <summary>Power falling 6 dB per octave (rumble, traffic).</summary>
    Brown,
}

/// <summary>A telephone line: 8 kHz sampling and the 300-3400 Hz voice band.</summary>
public sealed record TelephoneChannel : Channel
{
    private const int LineRate = 8000;

    /// <inheritdoc/>
    public override string Describe() => "telephone band (300-3400 Hz at 8 kHz)";

    internal override AudioClip Apply(AudioClip clip, Random random, IReadOnlyList<AudioClip> talkers)
    {
        var line = clip.Resample(LineRate);
        var band = new NWaves.Filters.Butterworth.BandPassFilter(300.0 / LineRate, 3400.0 / LineRate, 4);
        var filtered = band.ApplyTo(new DiscreteSignal(LineRate, line.Samples));
        return new AudioClip(filtered.Samples, LineRate).Resample(clip.SampleRate);
    }
}

/// <summary>Opus (Concentus, a managed encoder) at <paramref name="Bitrate"/> bits per second, 16 kHz, 20 ms frames: a voice call or a voice message.</summary>
/// <param name="Bitrate">Bits per second, e.g. 12000.</param>
public sealed record OpusChannel(int Bitrate) : Channel
{
    private const int CodecRate = 16000;
    private const int FrameSamples = CodecRate / 50;

    /// <inheritdoc/>
    public override string Describe() => Invariant($"Opus {Bitrate / 1000.0:0.#} kbit/s");

    internal override AudioClip Apply(AudioClip clip, Random random, IReadOnlyList<AudioClip> talkers)
    {
        var input = clip.Resample(CodecRate).Samples;
        var encoder = OpusCodecFactory.CreateEncoder(CodecRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.Bitrate = Bitrate;
        var decoder = OpusCodecFactory.CreateDecoder(CodecRate, 1);
        var output = new float[input.Length];
        var frame = new float[FrameSamples];
        var packet = new byte[1276];
        for (int start = 0; start < input.Length; start += FrameSamples)
        {
            int count = Math.Min(FrameSamples, input.Length - start);
            Array.Clear(frame);
            input.AsSpan(start, count).CopyTo(frame);
            int length = encoder.Encode(frame, FrameSamples, packet, packet.Length);
            decoder.Decode(packet.AsSpan(0, length), frame, FrameSamples, false);
            frame.AsSpan(0, count).CopyTo(output.AsSpan(start));
        }
        return new AudioClip(output, CodecRate).Resample(clip.SampleRate);
    }
}

/// <summary>Noise of a colour added at <paramref name="SnrDecibels"/> below the speech's level.</summary>
/// <param name="Colour">White, pink or brown.</param>
/// <param name="SnrDecibels">Speech power over noise power, in dB.</param>
public sealed record NoiseChannel(NoiseColour Colour, double SnrDecibels) : Channel
{
    /// <inheritdoc/>
    public override string Describe() => Invariant($"{Colour.ToString().ToLowerInvariant()} noise {SnrDecibels:0.#} dB SNR");

    internal override AudioClip Apply(AudioClip clip, Random random, IReadOnlyList<AudioClip> talkers) =>
        Mixing.AddAtSnr(clip, Noise(clip.Samples.Length, random), SnrDecibels);

    private float[] Noise(int length, Random random)
    {
        var noise = new float[length];
        // Pink by Paul Kellet's economy filter of white noise; brown by a leaky integrator.
        double b0 = 0, b1 = 0, b2 = 0, brown = 0;
        for (int i = 0; i < length; i++)
        {
            double white = Mixing.Gaussian(random);
            switch (Colour)
            {
                case NoiseColour.Pink:
                    b0 = 0.99765 * b0 + white * 0.0990460;
                    b1 = 0.96300 * b1 + white * 0.2965164;
                    b2 = 0.57000 * b2 + white * 1.0526913;
                    noise[i] = (float)(b0 + b1 + b2 + white * 0.1848);
                    break;
                case NoiseColour.Brown:
                    brown = 0.998 * brown + white * 0.05;
                    noise[i] = (float)brown;
                    break;
                default:
                    noise[i] = (float)white;
                    break;
            }
        }
        return noise;
    }
}

/// <summary>Other people talking: the voices the caller gives, mixed together at <paramref name="SnrDecibels"/> below the speech.</summary>
/// <param name="SnrDecibels">Speech power over babble power, in dB.</param>
public sealed record BabbleChannel(double SnrDecibels) : Channel
{
    /// <inheritdoc/>
    public override string Describe() => Invariant($"babble {SnrDecibels:0.#} dB SNR");

    /// <inheritdoc/>
    public override bool NeedsTalkers => true;

    internal override AudioClip Apply(AudioClip clip, Random random, IReadOnlyList<AudioClip> talkers)
    {
        if (talkers.Count == 0)
            throw new ArgumentException("Babble needs other talkers' clips.", nameof(talkers));
        var babble = new float[clip.Samples.Length];
        foreach (var talker in talkers)
        {
            var voice = talker.Resample(clip.SampleRate).Samples;
            if (voice.Length == 0)
                continue;
            // Each voice starts at a random point and loops, normalised so no one talker dominates.
            float scale = (float)(1 / Math.Sqrt(Math.Max(1e-12, TensorPrimitives.Dot(voice, voice) / voice.Length)));
            int offset = random.Next(voice.Length);
            for (int i = 0; i < babble.Length; i++)
                babble[i] += voice[(offset + i) % voice.Length] * scale;
        }
        return Mixing.AddAtSnr(clip, babble, SnrDecibels);
    }
}

/// <summary>
/// A room: the clip convolved with a synthetic impulse response that decays by 60 dB in
/// <paramref name="Rt60Seconds"/> (exponentially decaying noise after the direct sound, with a few
/// early reflections), a new room for every seed.
/// </summary>
/// <param name="Rt60Seconds">Reverberation time, e.g. 0.3 for a living room, 1.0 for a hall.</param>
public sealed record ReverbChannel(double Rt60Seconds) : Channel
{
    /// <inheritdoc/>
    public override string Describe() => Invariant($"room reverberation RT60 {Rt60Seconds:0.##} s");

    internal override AudioClip Apply(AudioClip clip, Random random, IReadOnlyList<AudioClip> talkers)
    {
        int rate = clip.SampleRate;
        var response = new float[(int)(Rt60Seconds * rate) + 1];
        response[0] = 1;
        // Early reflections within 50 ms, then the diffuse tail from 5 ms on.
        for (int r = 0; r < 6; r++)
            response[1 + random.Next((int)(0.05 * rate))] += (float)(random.NextDouble() * 0.6 - 0.3);
        double decay = 6.91 / (Rt60Seconds * rate);
        for (int i = (int)(0.005 * rate); i < response.Length; i++)
            response[i] += (float)(0.25 * Mixing.Gaussian(random) * Math.Exp(-decay * i));
        var wet = Operation.Convolve(new DiscreteSignal(rate, clip.Samples), new DiscreteSignal(rate, response)).Samples;
        // Keep the clip's length and level: a room changes the sound, not how loud the file is.
        var output = wet.AsSpan(0, clip.Samples.Length).ToArray();
        return new AudioClip(Mixing.ToRmsOf(output, clip.Samples), rate);
    }
}

/// <summary>A microphone's colouring: shelves that raise or lower the bass (below 300 Hz) and the treble (above 3 kHz).</summary>
/// <param name="LowShelfDecibels">Gain below about 300 Hz, in dB.</param>
/// <param name="HighShelfDecibels">Gain above about 3 kHz, in dB.</param>
public sealed record EqualizerChannel(double LowShelfDecibels, double HighShelfDecibels) : Channel
{
    /// <inheritdoc/>
    public override string Describe() => Invariant($"equalizer bass {LowShelfDecibels:+0.#;-0.#;0} dB treble {HighShelfDecibels:+0.#;-0.#;0} dB");

    internal override AudioClip Apply(AudioClip clip, Random random, IReadOnlyList<AudioClip> talkers)
    {
        int rate = clip.SampleRate;
        var chain = new FilterChain([
            new NWaves.Filters.BiQuad.LowShelfFilter(300.0 / rate, 0.7, LowShelfDecibels),
            new NWaves.Filters.BiQuad.HighShelfFilter(3000.0 / rate, 0.7, HighShelfDecibels),
        ]);
        var filtered = chain.ApplyTo(new DiscreteSignal(rate, clip.Samples)).Samples;
        return new AudioClip(Mixing.ToRmsOf(filtered[..clip.Samples.Length], clip.Samples), rate);
    }
}

/// <summary>Sums and levels shared by the channels.</summary>
internal static class Mixing
{
    /// <summary>The clip plus <paramref name="noise"/> scaled to sit <paramref name="snr"/> dB below it (clipped at full scale).</summary>
    public static AudioClip AddAtSnr(AudioClip clip, float[] noise, double snr)
    {
        double speech = TensorPrimitives.Dot(clip.Samples, clip.Samples);
        double power = TensorPrimitives.Dot(noise, noise);
        float scale = power > 0 ? (float)Math.Sqrt(speech / power / Math.Pow(10, snr / 10)) : 0;
        var mixed = new float[clip.Samples.Length];
        for (int i = 0; i < mixed.Length; i++)
            mixed[i] = Math.Clamp(clip.Samples[i] + scale * noise[i], -1f, 1f);
        return new AudioClip(mixed, clip.SampleRate);
    }

    /// <summary><paramref name="samples"/> scaled to the RMS of <paramref name="reference"/>.</summary>
    public static float[] ToRmsOf(float[] samples, float[] reference)
    {
        double target = TensorPrimitives.Dot(reference, reference), actual = TensorPrimitives.Dot(samples, samples);
        if (actual > 0)
            TensorPrimitives.Multiply(samples, (float)Math.Sqrt(target / actual), samples);
        return samples;
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
