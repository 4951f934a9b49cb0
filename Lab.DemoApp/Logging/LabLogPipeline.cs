using Serilog;
using Serilog.Configuration;

namespace Lab.DemoApp.Logging;

/// <summary>The built logger, its outputs and their loss accounting: what the reporter and the metrics read.</summary>
public sealed class LabLogPipeline
{
    private readonly IReadOnlyList<LossReportWriter> _writers;

    private LabLogPipeline(Serilog.Core.Logger logger, IReadOnlyList<LogSink> sinks, IReadOnlyList<LossReportWriter> writers,
        TornLineRepair tornLines)
    {
        Logger = logger;
        Sinks = sinks;
        _writers = writers;
        TornLines = tornLines;
    }

    /// <summary>An output: its name and how to configure its Serilog sink.</summary>
    public sealed record Output(string Name, Action<LoggerSinkConfiguration> Write);

    public Serilog.Core.Logger Logger { get; }

    public IReadOnlyList<LogSink> Sinks { get; }

    public TornLineRepair TornLines { get; }

    /// <summary>Each output behind its own queue: Fallible(Async(LossReportWriter(Fallible(sink)))). The outer listener
    /// counts the lines the queue had no room for, the inner one the lines the sink could not write.</summary>
    public static LabLogPipeline Build(int queueCapacity, TornLineRepair tornLines,
        Func<LoggerConfiguration, LoggerConfiguration> configure, IReadOnlyList<Output> outputs)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(outputs);
        var sinks = outputs.Select(output => new LogSink(output.Name)).ToArray();
        var writers = new List<LossReportWriter>();
        var configuration = configure(new LoggerConfiguration());
        for (var i = 0; i < outputs.Count; i++)
        {
            var sink = sinks[i];
            var write = outputs[i].Write;
            var writer = new LossReportWriter(LoggerSinkConfiguration.CreateSink(s => s.Fallible(write, sink.WriteListener)), sink, sinks, queueCapacity);
            writers.Add(writer);
            configuration.WriteTo.Fallible(s => s.Async(queue => queue.Sink(writer), bufferSize: queueCapacity, blockWhenFull: false),
                sink.QueueListener);
        }

        return new LabLogPipeline(configuration.CreateLogger(), sinks, writers, tornLines);
    }

    /// <summary>Queues a report request on every output if one of them has losses it has not written yet; returns
    /// whether it did.</summary>
    public bool RequestLossReports()
    {
        if (!_writers.Any(writer => writer.IsBehind))
        {
            return false;
        }

        Logger.Write(LossReport.Trigger());
        return true;
    }
}
