namespace Lab.DemoApp.Logging;

/// <summary>
/// An output that holds the lines of one writer round and hands them over together (one write to stdout instead of
/// one per line; see <see cref="StreamLineWriter"/>). Its writer thread calls <see cref="FlushBuffered"/> at the end of
/// each round, and <see cref="LossReportWriter"/> after each loss report, to know whether the report got out. Lines a
/// failed hand-over lost are reported to the output's failure listener, as a refused line would be.
/// </summary>
public interface IBufferedLogSink
{
    void FlushBuffered();
}
