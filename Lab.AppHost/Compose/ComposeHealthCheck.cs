namespace Lab.AppHost.Compose;

/// <summary>A Docker Compose health check: the probe runs inside the container, so it may only use what its image has.</summary>
public sealed record ComposeHealthCheck(IReadOnlyList<string> Test, string Interval = "5s", string Timeout = "5s", int Retries = 24, string StartPeriod = "10s");
