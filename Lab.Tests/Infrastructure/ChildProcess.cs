using System.Collections.Concurrent;
using System.Diagnostics;

namespace Lab.Tests.Infrastructure;

/// <summary>
/// A real program started by a test (the demo app, Prometheus...): output captured line by line, killed with its
/// children on dispose, so a failing test leaves nothing running. With <c>stallStandardOutput</c>, stdout is read
/// only by <see cref="WaitForOutputAsync"/> and then left unread — a reader that stopped reading, like a frozen
/// terminal — until <see cref="ResumeStandardOutput"/>.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly bool _stallStandardOutput;
    private Task? _stdoutReader;

    public ChildProcess(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null, bool stallStandardOutput = false)
    {
        _stallStandardOutput = stallStandardOutput;
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _stdout.Enqueue(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _stderr.Enqueue(e.Data); } };
        _process.Start();
        if (!stallStandardOutput)
        {
            _process.BeginOutputReadLine();
        }

        _process.BeginErrorReadLine();
        Name = Path.GetFileName(fileName);
    }

    public string Name { get; }

    public IReadOnlyCollection<string> StandardOutput => _stdout;

    public IReadOnlyCollection<string> StandardError => _stderr;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The largest resident set the program has had so far (VmHWM on Linux).</summary>
    public long PeakResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    /// <summary>Starts reading a stalled stdout: what the program could not write meanwhile now flows.</summary>
    public void ResumeStandardOutput()
    {
        if (_stallStandardOutput && _stdoutReader is null)
        {
            _stdoutReader = Task.Run(async () =>
            {
                while (await _process.StandardOutput.ReadLineAsync() is { } line)
                {
                    _stdout.Enqueue(line);
                }
            });
        }
    }

    /// <summary>Polls <paramref name="url"/> until it answers 2xx. Throws <see cref="ChildProcessExitedException"/> if the
    /// program exits first, and fails with the program's output if it never answers.</summary>
    public async Task WaitForHttpAsync(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await WaitForAsync(async () =>
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }, url, timeout);
    }

    /// <summary>Asks <paramref name="ready"/> until it says yes (a refused or timed-out request is a no). Throws
    /// <see cref="ChildProcessExitedException"/> if the program exits first, and fails with its output past the timeout.</summary>
    public async Task WaitForAsync(Func<Task<bool>> ready, string what, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(ready);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            ThrowIfExited($"before {what} answered");
            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{Name}: {what} did not answer within {timeout.TotalSeconds} s.\n{Output()}");
    }

    /// <summary>Waits for the first stdout line matching <paramref name="match"/> and returns it.</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> match, string what, TimeSpan timeout)
    {
        if (_stallStandardOutput && _stdoutReader is null)
        {
            return await ReadOutputUntilAsync(match, what, timeout);
        }

        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_stdout.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            ThrowIfExited($"before printing {what}");
            await Task.Delay(50);
        }

        Assert.Fail($"{Name} did not print {what} within {timeout.TotalSeconds} s.\n{Output()}");
        return string.Empty;
    }

    /// <summary>Waits for the program to end on its own; fails if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Name} was still running after {timeout.TotalSeconds} s.\n{Output()}");
        }

        _process.WaitForExit(); // drains the redirected output
        _stdoutReader?.Wait(TimeSpan.FromSeconds(10));
        return _process.ExitCode;
    }

    /// <summary>Stalled mode: reads stdout itself, up to the matching line, and no further.</summary>
    private async Task<string> ReadOutputUntilAsync(Func<string, bool> match, string what, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
            {
                _stdout.Enqueue(line);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Name} did not print {what} within {timeout.TotalSeconds} s.\n{Output()}");
        }

        ThrowIfExited($"before printing {what}");
        Assert.Fail($"{Name} closed its stdout before printing {what}.\n{Output()}");
        return string.Empty;
    }

    private void ThrowIfExited(string when)
    {
        if (_process.HasExited)
        {
            _process.WaitForExit();
            throw new ChildProcessExitedException($"{Name} exited with code {_process.ExitCode} {when}.\n{Output()}");
        }
    }

    /// <summary>Asks the program to stop (SIGTERM on Unix via Process.Kill would be abrupt), waits, then kills.</summary>
    public void Stop(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            term?.WaitForExit();
        }

        if (!_process.WaitForExit(grace))
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(); // drains the redirected output
        _stdoutReader?.Wait(TimeSpan.FromSeconds(10));
    }

    public string Output() =>
        $"--- {Name} stdout (last 40) ---\n{string.Join('\n', _stdout.TakeLast(40))}\n--- stderr (last 40) ---\n{string.Join('\n', _stderr.TakeLast(40))}";

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}

/// <summary>A program a test started ended before it was ready; the message holds its output.</summary>
public sealed class ChildProcessExitedException(string message) : Exception(message);
