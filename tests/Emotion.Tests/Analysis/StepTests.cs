using Emotion.Analysis;

namespace Emotion.Tests.Analysis;

public class StepTests
{
    [Fact]
    public void Run_TooLittleDataInAParallelBranch_IsTheStepsProblemInItsOwnWords()
    {
        var outcome = Step.Run<string>(() =>
        {
            Parallel.For(0, 4, i =>
            {
                if (i == 2)
                    throw new InsufficientDataException("Only 251 distinct frames for 256 words: too little audio to learn a codebook from.");
            });
            return "done";
        });

        Assert.False(outcome.Succeeded);
        Assert.Equal("Only 251 distinct frames for 256 words: too little audio to learn a codebook from.", outcome.Problem);
    }

    [Fact]
    public void Run_ABugInAParallelBranch_IsNotTakenForTheUsersProblem()
    {
        Assert.Throws<AggregateException>(() => Step.Run<string>(() =>
        {
            Parallel.For(0, 4, i =>
            {
                if (i == 2)
                    throw new InvalidOperationException("a bug");
            });
            return "done";
        }));
    }
}
