using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Lab.Tests.Infrastructure;

/// <summary>
/// One TCP connection to a local server, for what HttpClient will not do: send a partial body, abort with a TCP reset
/// mid-request, or read a response byte for byte (a HEAD response must end after its headers).
/// </summary>
public sealed class RawHttpConnection : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly List<byte> _received = [];

    private RawHttpConnection()
    {
    }

    public static async Task<RawHttpConnection> OpenAsync(int port)
    {
        var connection = new RawHttpConnection();
        await connection._socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return connection;
    }

    public Task SendAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

    /// <summary>Sends bytes; false when the server has closed the connection.</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            await _socket.SendAsync(bytes);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Everything received until a line equal to <paramref name="untilLine"/> or the end of the headers;
    /// null if neither came within <paramref name="timeout"/> (or the connection ended first).</summary>
    public async Task<string?> ReadHeadAsync(TimeSpan timeout, string? untilLine = null)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var text = Encoding.ASCII.GetString([.. _received]);
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end >= 0 && (untilLine is null || text[..end].Split("\r\n").Contains(untilLine)))
                {
                    _received.RemoveRange(0, end + 4);
                    return text[..(end + 4)];
                }

                var read = await _socket.ReceiveAsync(buffer, cancel.Token);
                if (read == 0)
                {
                    return null;
                }

                _received.AddRange(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            return null;
        }
    }

    /// <summary>Whatever arrives until the server closes the connection (or <paramref name="timeout"/>).</summary>
    public async Task<byte[]> ReadToEndAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await _socket.ReceiveAsync(buffer, cancel.Token)) > 0)
            {
                _received.AddRange(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
        }

        var all = _received.ToArray();
        _received.Clear();
        return all;
    }

    /// <summary>Closes with a TCP reset (RST), as a client killed or a network cut does, not a polite FIN.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public void Dispose() => _socket.Dispose();
}
