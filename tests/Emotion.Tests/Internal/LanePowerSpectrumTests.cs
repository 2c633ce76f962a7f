using System.Numerics;
using Emotion.Internal;
using NWaves.Transforms;

namespace Emotion.Tests.Internal;

public class LanePowerSpectrumTests
{
    [Theory]
    [InlineData(2048, 512, 8)]
    [InlineData(2048, 512, 3)]
    [InlineData(256, 100, 1)]
    [InlineData(1024, 256, 8)]
    [InlineData(4096, 1024, 5)]
    [InlineData(8, 2, 2)]
    public void Compute_OverlappingFrames_MatchesNWavesRealFft(int size, int hop, int frames)
    {
        // Given noise with a tone, frames at a hop, and a window
        var random = new Random(7);
        var signal = Enumerable.Range(0, size + hop * 8).Select(i => (float)(random.NextDouble() - 0.5 + Math.Sin(i * 0.3))).ToArray();
        var window = Enumerable.Range(0, size).Select(i => (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / size))).ToArray();
        frames = Math.Min(frames, LanePowerSpectrum.Lanes);
        var fft = new LanePowerSpectrum(size);
        var power = new Vector<float>[fft.BinCount];

        // When all frames go through in one call
        fft.Compute(signal, 3, hop, frames, window, power);

        // Then each lane holds that frame's power spectrum as NWaves computes it, and spare lanes zero
        var nwaves = new RealFft(size);
        var expected = new float[size / 2 + 1];
        for (int lane = 0; lane < LanePowerSpectrum.Lanes; lane++)
        {
            if (lane < frames)
                nwaves.PowerSpectrum(signal.Skip(3 + lane * hop).Take(size).Zip(window, (x, w) => x * w).ToArray(), expected, normalize: false);
            else
                Array.Clear(expected);
            float scale = Math.Max(1, expected.Max());
            for (int k = 0; k < expected.Length; k++)
                Assert.True(Math.Abs(expected[k] - power[k][lane]) <= 1e-5 * scale, $"lane {lane} bin {k}: {expected[k]} vs {power[k][lane]}");
        }
    }

    [Theory]
    [InlineData(9, 512, 2048)]
    [InlineData(2, -1, 2048)]
    [InlineData(2, 512, 767)]
    [InlineData(8, 512, 0)]
    public void Compute_MoreFramesThanLanesOrAShortSignal_Refused(int frames, int hop, int signalLength)
    {
        // Given a request the lanes cannot hold, a negative hop, or a signal that ends too soon
        var fft = new LanePowerSpectrum(256);
        var window = new float[256];
        var power = new Vector<float>[fft.BinCount];
        frames = frames > 8 ? LanePowerSpectrum.Lanes + 1 : frames;

        // When / Then it is refused before anything is read or written
        Assert.ThrowsAny<ArgumentException>(() => fft.Compute(new float[signalLength], 0, hop, frames, window, power));
    }
}
