using System.Net;
using System.Net.Sockets;

namespace Lab.Tests.Infrastructure;

public static class FreePort
{
    private const int Attempts = 5;

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (another process may take it before it is used).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A loopback port bound but not listening while the returned socket lives: connecting to it is refused.</summary>
    public static Socket Closed()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>
    /// Starts a server that cannot be told to pick its own port (Prometheus, the node exporter) on a free port, and on
    /// another one when something took that port in between: <paramref name="start"/> must throw
    /// <see cref="ChildProcessExitedException"/> (and clean up) when the server exits before it is ready.
    /// </summary>
    public static async Task<T> StartServerAsync<T>(Func<int, Task<T>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start(Next());
            }
            catch (ChildProcessExitedException e) when (attempt < Attempts && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }
}
