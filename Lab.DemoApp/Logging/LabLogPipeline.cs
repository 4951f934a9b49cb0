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

    /// <summary>An output: its name, how to configure its Serilog sink and, if that sink holds lines until the end of
    /// each writer round, the sink itself.</summary>
    public sealed record Output(string Name, Action<LoggerSinkConfiguration> Write, IBufferedLogSink? Buffered = null);

    public Serilog.Core.Logger Logger { get; }

    public IReadOnlyList<LogSink> Sinks { get; }

    public TornLineRepair TornLines { get; }

    /// <summary>Each output behind its own queue: BackgroundLogWriter(LossReportWriter(Fallible(sink))). The queue counts the lines
    /// it had no room for (<see cref="LogSink.QueueListener"/>), the inner listener the lines the sink could not write.</summary>
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
            var (_, write, buffered) = outputs[i];
            var writer = new LossReportWriter(LoggerSinkConfiguration.CreateSink(s => s.Fallible(write, sink.WriteListener)), sink, sinks,
                queueCapacity, buffered);
            writers.Add(writer);
            configuration.WriteTo.Sink(new BackgroundLogWriter(writer, queueCapacity, sink.QueueListener, sink.WriteListener, sink.Name, buffered));
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
