using Serilog;
using Serilog.Configuration;

namespace Lab.DemoApp.Logging;

/// <summary>The built logger and its outputs: what the loss reporter and the metrics read.</summary>
public sealed record LabLogPipeline(Serilog.Core.Logger Logger, IReadOnlyList<LogOutput> Outputs, TornLineRepair TornLines)
{
    /// <summary>An output: its name, how to configure its Serilog sink and, if that sink holds its lines until the end
    /// of each writer round, how to hand them over.</summary>
    public sealed record Output(string Name, Action<LoggerSinkConfiguration> Write, Action? EndRound = null);

    /// <summary>Each output behind its own queue (<see cref="LogOutput"/>); its sink is wrapped by Serilog's
    /// <c>WriteTo.Fallible</c>, so a line it refuses (thrown or reported) is counted by that output.</summary>
    public static LabLogPipeline Build(int queueCapacity, TornLineRepair tornLines,
        Func<LoggerConfiguration, LoggerConfiguration> configure, IReadOnlyList<Output> outputs)
    {
        var built = new List<LogOutput>();
        var configuration = configure(new LoggerConfiguration());
        foreach (var (name, write, endRound) in outputs)
        {
            var output = new LogOutput(name, queueCapacity, listener => LoggerSinkConfiguration.CreateSink(s => s.Fallible(write, listener)),
                endRound, built);
            built.Add(output);
            configuration.WriteTo.Sink(output);
        }

        return new LabLogPipeline(configuration.CreateLogger(), built, tornLines);
    }

    /// <summary>Asks every output to write the reports it owes, if one of them owes some; returns whether it did.</summary>
    public bool RequestLossReports()
    {
        if (!Outputs.Any(output => output.OwesReports))
        {
            return false;
        }

        foreach (var output in Outputs)
        {
            output.RequestReports();
        }

        return true;
    }
}
