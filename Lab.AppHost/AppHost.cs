using Lab.AppHost.Alloy;
using Lab.AppHost.Compose;
using Lab.AppHost.DemoApp;
using Lab.AppHost.Grafana;
using Lab.AppHost.Guide;
using Lab.AppHost.Loki;
using Lab.AppHost.Prometheus;
using Lab.AppHost.Settings;
using Lab.AppHost.Terminal;

var builder = DistributedApplication.CreateBuilder(args);

// `dotnet run --project Lab.AppHost --no-build -- check` and the other terminal commands: they start nothing; neither
// does an unknown word (a typo), refused with the list of commands.
if (TerminalCommands.Find(args) is { } command)
{
    return await command.RunAsync(builder.Configuration, builder.AppHostDirectory, args);
}

if (TerminalCommands.UnknownCommand(args) is { } unknown)
{
    return await TerminalCommands.RefuseAsync(unknown, Console.Error);
}

// Every setting is checked before anything is declared: a bad one (or a taken demo-app port, or a partial Grafana
// Cloud setup that would only show as a silent 401 in Alloy's log later) stops here with one message naming it.
var lab = LabStartup.Read(builder.Configuration, builder.AppHostDirectory, builder.ExecutionContext.IsPublishMode);
if (!lab.Announce(Console.Error))
{
    return 1;
}

var settings = lab.Settings;
builder.AddConsoleGuide(); // says what to open as each part gets ready, and what to do when one fails

// The demo app, on the lab text's port: JSON logs to the Aspire console and to a file Alloy tails; the demo buttons.
var demoApp = builder.AddLabDemoApp(settings);

// Local metrics store: Alloy remote-writes into it, and it evaluates the lab's alert and SLO rules.
var prometheus = builder.AddLabPrometheus(settings.Images)
    .WithDataVolume(settings.Volumes.PrometheusData);

// Local logs store (the image's built-in single-binary config).
var loki = builder.AddLabLoki(settings.Images)
    .WithDataVolume(settings.Volumes.LokiData);

// The collector: the app and the machine in, the local stores (and Grafana Cloud in cloud mode) out.
builder.AddLabAlloy(settings, lab.Mode.Account)
    .WithDataVolume(settings.Volumes.AlloyData) // metrics WAL + log read positions survive restarts
    .Scraping(demoApp)
    .WatchingTheMachine()
    .TailingDemoAppLogs(settings)
    .WritingTo(prometheus, loki);

// Where students build their dashboard, from the lab's start page; the reference solution only on the teacher's switch.
builder.AddLabGrafana(settings.Images)
    .WithDataVolume(settings.Volumes.GrafanaData) // the students' own dashboards survive restarts
    .ReadingFrom(prometheus, loki)
    .WithDashboardCheck() // "Check my dashboard": the student's dashboard against the reference, on the lab's data
    .WithReferenceSolution(settings.ShowSolution);

builder.AddComposeExport(lab); // `aspire publish` writes docker-compose.yaml from this model (Compose/; off with LabComposeExport=false)
builder.Build().Run();
return 0;
