namespace Lab.DemoApp.Work;

/// <summary>
/// The batch simulation's source of chance. Unseeded it is <see cref="Random.Shared"/> (thread-safe, no lock);
/// seeded (<c>DemoApp:RandomSeed</c>) it is one generator behind a lock, so the same requests replay the same results.
/// </summary>
public sealed class DemoRandom
{
    private readonly Random _random;
    private readonly Lock? _gate;

    public DemoRandom(int? seed)
    {
        _random = seed is { } value ? new Random(value) : Random.Shared;
        _gate = seed is null ? null : new Lock();
    }

    /// <summary>Runs <paramref name="draw"/> with exclusive use of the generator, so one batch's draws stay together.</summary>
    public T Draw<T>(Func<Random, T> draw)
    {
        if (_gate is null)
        {
            return draw(_random);
        }

        lock (_gate)
        {
            return draw(_random);
        }
    }
}
