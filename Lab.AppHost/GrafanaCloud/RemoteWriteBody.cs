using Google.Protobuf;
using Snappier;

namespace Lab.AppHost.GrafanaCloud;

/// <summary>
/// A Prometheus remote-write request body: one series with one sample, as protobuf (prometheus/prompb/remote.proto:
/// WriteRequest › TimeSeries › Label, Sample), snappy-compressed (block format) as the protocol wants. The messages are
/// written with Google.Protobuf's <see cref="CodedOutputStream"/>: four tiny messages are not worth protoc in the build.
/// </summary>
public static class RemoteWriteBody
{
    public const string ContentType = "application/x-protobuf";
    public const string ContentEncoding = "snappy";
    public const string VersionHeader = "X-Prometheus-Remote-Write-Version";
    public const string Version = "0.1.0";

    /// <summary>The compressed body for <paramref name="labels"/> (with <c>__name__</c>; sorted by name, as the
    /// protocol requires) holding <paramref name="value"/> at <paramref name="at"/>.</summary>
    public static byte[] OneSample(IReadOnlyDictionary<string, string> labels, double value, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var series = Message(output =>
        {
            foreach (var (name, text) in labels.OrderBy(label => label.Key, StringComparer.Ordinal))
            {
                output.WriteTag(1, WireFormat.WireType.LengthDelimited); // TimeSeries.labels
                output.WriteBytes(ByteString.CopyFrom(Message(label =>
                {
                    label.WriteTag(1, WireFormat.WireType.LengthDelimited); // Label.name
                    label.WriteString(name);
                    label.WriteTag(2, WireFormat.WireType.LengthDelimited); // Label.value
                    label.WriteString(text);
                })));
            }

            output.WriteTag(2, WireFormat.WireType.LengthDelimited); // TimeSeries.samples
            output.WriteBytes(ByteString.CopyFrom(Message(sample =>
            {
                sample.WriteTag(1, WireFormat.WireType.Fixed64); // Sample.value
                sample.WriteDouble(value);
                sample.WriteTag(2, WireFormat.WireType.Varint); // Sample.timestamp, in milliseconds
                sample.WriteInt64(at.ToUnixTimeMilliseconds());
            })));
        });
        var request = Message(output =>
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited); // WriteRequest.timeseries
            output.WriteBytes(ByteString.CopyFrom(series));
        });
        return Snappy.CompressToArray(request);
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }
}
