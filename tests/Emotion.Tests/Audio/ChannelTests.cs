using System.Numerics.Tensors;
using System.Text.Json;
using Emotion.Audio;
using Emotion.Audio.Channels;
using Emotion.Features;

namespace Emotion.Tests.Audio;

public class ChannelTests
{
    private static readonly FeatureExtractor Analysis = new(FeatureOptions.BandLimited);

    private static AudioClip Angry() => AudioFile.Load(Fixtures.Original("03-01-05-02-01-01-02"), Analysis.LoadOptions);

    private static AudioClip Calm() => AudioFile.Load(Fixtures.Original("03-01-02-01-01-02-01"), Analysis.LoadOptions);

    private static double Bandwidth(AudioClip clip) => Analysis.Analyze(clip).Bandwidth();

    private static double Rms(float[] samples) => Math.Sqrt(TensorPrimitives.Dot(samples, samples) / samples.Length);

    [Fact]
    public void The_studio_clip_carries_the_whole_analysis_band()
    {
        Assert.InRange(Bandwidth(Angry()), 5500, 8000);
        Assert.InRange(Bandwidth(Calm()), 5500, 8000);
    }

    [Fact]
    public void A_lower_sample_rate_removes_everything_above_its_Nyquist_frequency()
    {
        var clip = Calm();
        var at8 = new SampleRateChannel(8000).Apply(clip, 1);
        var at16 = new SampleRateChannel(16000).Apply(clip, 1);

        Assert.Equal(clip.SampleRate, at8.SampleRate);
        Assert.Equal(clip.Samples.Length, at8.Samples.Length, tolerance: 4);
        Assert.InRange(Bandwidth(at8), 3500, 4100);
        // 0-8 kHz features see a 16 kHz recording as the studio's.
        Assert.Equal(Bandwidth(clip), Bandwidth(at16), tolerance: 0.1 * Bandwidth(clip));
    }

    [Fact]
    public void A_telephone_line_keeps_the_voice_band_alone()
    {
        var line = new TelephoneChannel().Apply(Angry(), 1);

        Assert.InRange(Bandwidth(line), 3000, 4000);
    }

    [Fact]
    public void Opus_at_a_low_bit_rate_narrows_the_band_and_keeps_the_length()
    {
        var clip = Angry();
        var coded = new OpusChannel(12000).Apply(clip, 1);

        Assert.Equal(clip.Samples.Length, coded.Samples.Length, tolerance: 4);
        Assert.InRange(Bandwidth(coded), 4500, 7500);
        Assert.InRange(Rms(coded.Samples) / Rms(clip.Samples), 0.5, 2);
    }

    [Theory]
    [InlineData(NoiseColour.White, 20)]
    [InlineData(NoiseColour.Pink, 10)]
    [InlineData(NoiseColour.Brown, 0)]
    public void Noise_sits_the_asked_number_of_decibels_below_the_clip(NoiseColour colour, double snr)
    {
        var clip = Calm();
        var noisy = new NoiseChannel(colour, snr).Apply(clip, 7);
        var noise = noisy.Samples.Zip(clip.Samples, (n, c) => n - c).ToArray();

        double measured = 20 * Math.Log10(Rms(clip.Samples) / Rms(noise));
        Assert.Equal(snr, measured, tolerance: 0.2);
    }

    [Fact]
    public void Noise_colours_differ_in_where_their_power_lies()
    {
        var tone = new AudioClip([.. Enumerable.Range(0, 22050).Select(i => 0.1f * MathF.Sin(2 * MathF.PI * 440 * i / 22050))], 22050);
        double HighShare(NoiseColour colour)
        {
            var noise = new NoiseChannel(colour, 0).Apply(tone, 3).Samples.Zip(tone.Samples, (n, c) => n - c).ToArray();
            // First differences weigh high frequencies: their power over the signal's measures the tilt.
            var difference = noise.Zip(noise.Skip(1), (a, b) => b - a).ToArray();
            return TensorPrimitives.Dot(difference, difference) / TensorPrimitives.Dot(noise, noise);
        }

        Assert.True(HighShare(NoiseColour.White) > 5 * HighShare(NoiseColour.Pink));
        Assert.True(HighShare(NoiseColour.Pink) > 5 * HighShare(NoiseColour.Brown));
    }

    [Fact]
    public void Babble_mixes_the_talkers_given_at_the_asked_level_and_needs_them()
    {
        var clip = Calm();
        var babble = new BabbleChannel(5);

        Assert.True(babble.NeedsTalkers);
        Assert.Throws<ArgumentException>(() => babble.Apply(clip, 1));
        var mixed = babble.Apply(clip, 1, [Angry()]);
        var added = mixed.Samples.Zip(clip.Samples, (m, c) => m - c).ToArray();
        Assert.Equal(5, 20 * Math.Log10(Rms(clip.Samples) / Rms(added)), tolerance: 0.3);
    }

    [Fact]
    public void A_room_changes_the_sound_not_its_length_or_level_and_each_seed_is_another_room()
    {
        var clip = Angry();
        var room = new ReverbChannel(0.8);
        var first = room.Apply(clip, 1);

        Assert.Equal(clip.Samples.Length, first.Samples.Length);
        Assert.Equal(Rms(clip.Samples), Rms(first.Samples), tolerance: 1e-3);
        Assert.Equal(first.Samples, room.Apply(clip, 1).Samples);
        Assert.NotEqual(first.Samples, room.Apply(clip, 2).Samples);
        // Reverberation smears the dry clip: it no longer matches the original sample for sample.
        double correlation = TensorPrimitives.Dot(clip.Samples, first.Samples) / (Rms(clip.Samples) * Rms(first.Samples) * clip.Samples.Length);
        Assert.InRange(correlation, -0.9, 0.9);
    }

    [Fact]
    public void Gain_scales_the_level_by_the_asked_decibels()
    {
        var clip = Angry();
        var quiet = new GainChannel(-26).Apply(clip, 1);

        Assert.Equal(-26, 20 * Math.Log10(Rms(quiet.Samples) / Rms(clip.Samples)), tolerance: 0.01);
    }

    [Fact]
    public void Speeding_up_shortens_the_clip_by_the_factor()
    {
        var clip = Angry();
        var fast = new SpeedChannel(1.1).Apply(clip, 1);

        Assert.Equal(clip.Samples.Length / 1.1, fast.Samples.Length, tolerance: 3);
    }

    [Fact]
    public void A_chain_applies_its_steps_in_order_and_describes_them()
    {
        var chain = new ChainChannel([new SampleRateChannel(8000), new GainChannel(-6)]);

        Assert.Equal("8 kHz sample rate, then -6 dB gain", chain.Describe());
        Assert.Equal("clean", new ChainChannel([]).Describe());
        Assert.InRange(Bandwidth(chain.Apply(Angry(), 1)), 3500, 4100);
    }

    [Fact]
    public void Channels_round_trip_through_json_as_data()
    {
        Channel chain = new ChainChannel([new NoiseChannel(NoiseColour.Pink, 20), new ReverbChannel(0.6), new OpusChannel(12000), new EqualizerChannel(3, -4)]);

        var json = JsonSerializer.Serialize(chain);
        var back = JsonSerializer.Deserialize<Channel>(json);

        Assert.Equal(chain, back);
        Assert.Contains("\"kind\":\"noise\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sampler_draws_the_same_chain_from_the_same_seed_and_varied_chains_across_seeds()
    {
        var options = AugmentationOptions.Default;
        var drawn = Enumerable.Range(0, 200).Select(seed => ChannelSampler.Draw(options, new Random(seed)).Describe()).ToList();

        Assert.Equal(drawn, Enumerable.Range(0, 200).Select(seed => ChannelSampler.Draw(options, new Random(seed)).Describe()));
        Assert.True(drawn.Distinct().Count() > 150);
        Assert.Contains(drawn, d => d.Contains("telephone", StringComparison.Ordinal));
        Assert.Contains(drawn, d => d.Contains("babble", StringComparison.Ordinal));
        Assert.Contains(drawn, d => d.Contains("room", StringComparison.Ordinal));
    }

    [Fact]
    public void Augmentation_options_refuse_probabilities_outside_zero_to_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (AugmentationOptions.Default with { NoiseProbability = 1.5 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (AugmentationOptions.Default with { Copies = -1 }).Validate());
    }
}
