using Emotion.Audio;

namespace Emotion.Tests.Audio;

[Collection(nameof(AloneCollection))]
public class ResamplerTests
{
    [Theory]
    [InlineData(48000, 22050, 1000)]
    [InlineData(24000, 22050, 3000)]
    [InlineData(16000, 22050, 440)]
    [InlineData(44100, 22050, 9000)]
    public void Resample_SineInPassband_KeepsFrequencyAndAmplitude(int from, int to, double frequency)
    {
        // Given one second of a sine well inside both bands
        var input = Sine(frequency, from, from);

        // When
        var output = Resampler.Resample(input, from, to);

        // Then the output is the same sine sampled at the new rate (away from the edges)
        Assert.Equal((int)Math.Ceiling((double)from * to / from), output.Length);
        var expected = Sine(frequency, to, output.Length);
        for (int i = 200; i < output.Length - 200; i++)
            Assert.Equal(expected[i], output[i], 2e-3);
    }

    [Theory]
    [InlineData(44101, 1000)]
    [InlineData(250007, 3000)]
    [InlineData(7919, 600)]
    public void Resample_RateWithoutCommonFactor_InterpolatedPhasesKeepTheSine(int from, double frequency)
    {
        // Given a sine at a rate whose ratio to 22050 Hz needs more than the designed phases
        var input = Sine(frequency, from, from / 2);

        // When
        var output = Resampler.Resample(input, from, 22050);

        // Then the output is the same sine at 22050 Hz, as exact as the designed filter allows
        Assert.Equal((int)Math.Ceiling((double)input.Length * 22050 / from), output.Length);
        var expected = Sine(frequency, 22050, output.Length);
        for (int i = 300; i < output.Length - 300; i++)
            Assert.Equal(expected[i], output[i], 3e-3);
    }

    [Fact]
    public void Resample_FiftyDistinctOddRates_FilterMemoryStaysWithinBudget()
    {
        // Given fifty rates that share no useful factor with 22050 Hz, as hostile files declare
        var rates = Enumerable.Range(0, 50).Select(i => 44101 + 2 * i).Concat([250007, 383993]).ToList();
        long before = GC.GetTotalMemory(forceFullCollection: true);

        // When a short clip at each is resampled
        foreach (int rate in rates)
            Resampler.Resample(new float[rate / 10], rate, 22050);

        // Then the cached filters stay within the budget, and so does what the process keeps
        Assert.InRange(Resampler.CachedBytes, 1, Resampler.CacheBudgetBytes);
        long kept = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(kept < Resampler.CacheBudgetBytes + (16L << 20), $"kept {kept >> 20} MiB");
    }

    [Fact]
    public void Resample_ToneAboveNewNyquist_IsRemoved()
    {
        // Given a 15 kHz tone at 48 kHz, above 22050 Hz's Nyquist of 11025 Hz
        var input = Sine(15000, 48000, 48000);

        // When
        var output = Resampler.Resample(input, 48000, 22050);

        // Then it does not alias back into the band: attenuated by over 90 dB
        double rms = Math.Sqrt(output.Skip(500).SkipLast(500).Average(v => (double)v * v));
        Assert.True(20 * Math.Log10(rms / Math.Sqrt(0.5)) < -90, $"residual {20 * Math.Log10(rms / Math.Sqrt(0.5)):F1} dB");
    }

    [Fact]
    public void Resample_InvalidOptions_ListsEveryProblem()
    {
        var options = new ResamplerOptions { PassbandEdge = 1.2, StopbandAttenuation = 5 };

        var error = Assert.Throws<ArgumentException>(() => Resampler.Resample(new float[10], 48000, 22050, options));

        Assert.Contains(nameof(ResamplerOptions.PassbandEdge), error.Message);
        Assert.Contains(nameof(ResamplerOptions.StopbandAttenuation), error.Message);
    }

    private static float[] Sine(double frequency, int rate, int count) =>
        [.. Enumerable.Range(0, count).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * frequency * i / rate)))];
}
