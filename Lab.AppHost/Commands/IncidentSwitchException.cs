using System.Globalization;
using System.Net.Http.Json;

namespace Lab.AppHost.Commands;

public sealed class IncidentSwitchException : Exception
{
    public IncidentSwitchException()
    {
    }

    public IncidentSwitchException(string message) : base(message)
    {
    }

    public IncidentSwitchException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
