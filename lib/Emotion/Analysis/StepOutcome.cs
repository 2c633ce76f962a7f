using Emotion.Audio;
using Emotion.Bundle;

namespace Emotion.Analysis;

/// <summary>
/// What an analysis step gave: its result, or, when the step could not run on the data at hand (too
/// few clips, a missing input, unreadable audio), the reason in words. Notebooks and scripts show the
/// reason instead of a stack trace, and the steps after it say they could not run either.
/// </summary>
/// <typeparam name="T">The step's result.</typeparam>
public sealed class StepOutcome<T>
    where T : class
{
    private readonly T? _value;

    internal StepOutcome(T? value, string? problem)
    {
        _value = value;
        Problem = problem;
    }

    /// <summary>An outcome of a step that did not run, for <paramref name="problem"/>.</summary>
    internal static StepOutcome<T> NotRun(string problem) => new(null, problem);

    /// <summary>Why the step did not run; null when it did.</summary>
    public string? Problem { get; }

    /// <summary>Whether the step ran.</summary>
    public bool Succeeded => Problem is null;

    /// <summary>The result.</summary>
    /// <exception cref="InvalidOperationException">The step did not run; the message is <see cref="Problem"/>.</exception>
    public T Value => _value ?? throw new InvalidOperationException(Problem);

    /// <summary>The next step, run on this result; not run, with this reason, when this one did not run.</summary>
    public StepOutcome<TNext> Then<TNext>(Func<T, TNext> next)
        where TNext : class
    {
        ArgumentNullException.ThrowIfNull(next);
        return Succeeded ? Step.Run(() => next(Value)) : StepOutcome<TNext>.NotRun(Problem!);
    }

    /// <inheritdoc/>
    public override string ToString() => Succeeded ? Value.ToString() ?? "" : $"not run: {Problem}";
}

/// <summary>Runs analysis steps, turning the problems a user can act on into <see cref="StepOutcome{T}.Problem"/>.</summary>
public static class Step
{
    /// <summary>Runs <paramref name="step"/>; missing inputs, too little data, unreadable audio and unusable bundles become the outcome's problem.</summary>
    public static StepOutcome<T> Run<T>(Func<T> step)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            return new StepOutcome<T>(step(), null);
        }
        catch (Exception e) when (IsUsersProblem(e))
        {
            return new StepOutcome<T>(null, Problem(e));
        }
    }

    /// <summary>What a user's problem says; of work done in parallel, what its first branch says.</summary>
    public static string Problem(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e is AggregateException { InnerExceptions.Count: > 0 } parallel ? Problem(parallel.InnerExceptions[0]) : e.Message;
    }

    /// <summary>
    /// Whether <paramref name="e"/> is a problem with the user's data or files, which a message
    /// explains, rather than a bug; work done in parallel reports the problems of its branches together.
    /// </summary>
    public static bool IsUsersProblem(Exception e) => e is AggregateException parallel
        ? parallel.InnerExceptions.Count > 0 && parallel.InnerExceptions.All(IsUsersProblem)
        : e is InsufficientDataException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException
            or AudioFormatException or ModelBundleException;
}
