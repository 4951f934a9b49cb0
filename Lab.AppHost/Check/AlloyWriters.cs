using System.Globalization;

namespace Lab.AppHost.Check;

