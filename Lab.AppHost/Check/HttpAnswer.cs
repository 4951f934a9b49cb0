namespace Lab.AppHost.Check;

/// <summary>An HTTP answer, or why there was none (<see cref="Failure"/>: refused, timed out...).</summary>
public sealed record HttpAnswer(int? Status, string Body, string? Failure)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>"HTTP 503" or the reason nothing answered.</summary>
    public string Describe() => Status is { } status ? $"HTTP {status}" : Failure ?? "no answer";
}
