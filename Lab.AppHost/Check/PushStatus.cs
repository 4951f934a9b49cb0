using Lab.AppHost.Loki;
using Lab.AppHost.Prometheus;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Check;

/// <summary>
/// What an HTTP status of a push means and what to do, in one sentence. <c>-1</c> is loki.write's code for "no answer"
/// (DNS, connection refused, TLS). 429 and 5xx are retried by both writers, other 4xx are not: that data is lost.
/// </summary>
public static class PushStatus
{
    public const int NoAnswer = -1;

    /// <summary>The button that changes the Grafana Cloud settings (on alloy, in the Aspire dashboard).</summary>
    public const string ConnectCommandName = "Connect Grafana Cloud";

    public static bool IsSuccess(int status) => status is >= 200 and < 300;

    /// <summary>Retried by Alloy (the data waits); anything else that is not a success is dropped.</summary>
    public static bool IsRetried(int status) => status is NoAnswer or 429 or >= 500;

    public static string Meaning(int status) => status switch
    {
        NoAnswer => "no answer",
        400 => "400 Bad Request",
        401 => "401 Unauthorized",
        403 => "403 Forbidden",
        404 => "404 Not Found",
        413 => "413 Payload Too Large",
        429 => "429 Too Many Requests",
        >= 500 => $"{status} server error",
        _ => $"HTTP {status}",
    };

    public static string Advice(int status, PushTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return (status, target.IsCloud) switch
        {
            (401 or 403, true) =>
                $"The token lacks {target.Scope}, or {target.UserSetting} is not this stack's {target.Store} user (the metrics and logs users are " +
                $"different numbers): correct it with \"{ConnectCommandName}\" on alloy in the Aspire dashboard.",
            (404, true) => $"{target.UrlSetting} must end with {target.PushPath}: copy it from the stack's Details page (\"{ConnectCommandName}\" on alloy).",
            (429, true) => "Grafana Cloud's free tier limits the ingestion rate: send less traffic for a while; Alloy retries meanwhile.",
            (NoAnswer, true) => $"Alloy gets no answer from {target.Name}: check the host name in {target.UrlSetting}, then the network (proxy, firewall, DNS).",
            (NoAnswer, false) => $"Alloy cannot reach {target.Name}: check that it is running (Aspire dashboard).",
            (400, _) => $"{target.Name} refused the data (too old, too long, or out of order): Alloy's console log has its reason.",
            (>= 500, _) => $"{target.Name} has a server error; Alloy retries. If it lasts, look at {target.Name}'s state.",
            _ => $"{target.Name} refused the push with HTTP {status}: Alloy's console log has its answer.",
        };
    }
}
