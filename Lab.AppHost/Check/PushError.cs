using System.Globalization;
using System.Text.RegularExpressions;

namespace Lab.AppHost.Check;

/// <summary>A push error as Alloy logged it: the HTTP status and the store's answer, cut short.</summary>
public sealed record PushError(int Status, string Excerpt);
