using System.Text.RegularExpressions;
using Aspire.Hosting.Docker;
using Aspire.Hosting.Docker.Resources.ComposeNodes;
using Aspire.Hosting.Docker.Resources.ServiceNodes;
using Lab.AppHost.Alloy;
using Lab.AppHost.GrafanaCloud;
using Lab.AppHost.Settings;

namespace Lab.AppHost.Compose;

/// <summary>
/// The Docker Compose export (`aspire publish` writes docker-compose.yaml and .env), applied in one pass over the
/// declared model, after the topology: built only with <c>LabComposeExport=true</c> (the default), since
/// Aspire.Hosting.Docker is not on every feed. What each service gets beyond Aspire's own output is decided in
/// <see cref="ComposeServices"/>.
/// </summary>
internal static partial class ComposeExport
{
    public static IDistributedApplicationBuilder AddComposeExport(this IDistributedApplicationBuilder builder, LabStartup lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        builder.AddDockerComposeEnvironment(LabResources.ComposeEnvironment)
            .WithDashboard(dashboard => dashboard
                .WithImage(ComposeServices.Dashboard.Name, ComposeServices.Dashboard.Tag)
                .WithHostPort(ComposeServices.DashboardPort))
            .ConfigureComposeFile(file =>
            {
                if (lab.Mode.Mode == LabMode.Cloud)
                {
                    file.Secrets[ComposeServices.CloudTokenSecret] = new Secret { File = $"./{ComposeServices.CloudTokenFile}" };
                }
            })
            .ConfigureEnvFile(variables =>
            {
                // Mount sources are written as paths in the compose file and the demo app's image is built there: .env
                // keeps only what the student must give (the secrets), each with a comment saying what it is.
                foreach (var key in variables.Where(v => v.Value.Source is ContainerMountAnnotation or ContainerImageReference or ParameterResource { Secret: false })
                             .Select(v => v.Key).ToList())
                {
                    variables.Remove(key);
                }

                foreach (var (key, description) in ComposeServices.SecretDescriptions)
                {
                    if (variables.TryGetValue(key, out var variable))
                    {
                        variable.Description = description;
                    }
                }
            });

        var outputDirectory = builder.Configuration["Pipeline:OutputPath"] is { Length: > 0 } path ? Path.GetFullPath(path) : null;
        var repositoryDirectory = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        foreach (var resource in builder.Resources.OfType<IComputeResource>().ToList())
        {
            switch (resource)
            {
                case ContainerResource container:
                    builder.CreateResourceBuilder(container).PublishAsDockerComposeService((_, service) => Apply(container, service, new(outputDirectory, repositoryDirectory), lab));
                    break;
                case ProjectResource project:
                    builder.CreateResourceBuilder(project).PublishAsDockerComposeService((_, service) => Apply(project, service, new(outputDirectory, repositoryDirectory), lab));
                    break;
            }
        }

        return builder;
    }

    /// <summary>Health check, healthy dependencies, relative bind mounts and required secrets for every service; then
    /// what the demo app and Alloy need of their own.</summary>
    private static void Apply(IResource resource, Service service, Folders folders, LabStartup lab)
    {
        if (ComposeServices.HealthChecks.TryGetValue(resource.Name, out var check))
        {
            service.Healthcheck = new Healthcheck
            {
                Test = [.. check.Test], Interval = check.Interval, Timeout = check.Timeout, Retries = check.Retries, StartPeriod = check.StartPeriod,
            };
        }

        // Run mode's WaitFor waits for health: so does the export (Aspire writes service_started).
        foreach (var dependency in service.DependsOn.Where(d => ComposeServices.HealthChecks.ContainsKey(d.Key)))
        {
            dependency.Value.Condition = "service_healthy";
        }

        var mounts = resource.Annotations.OfType<ContainerMountAnnotation>().Where(m => m.Type == ContainerMountType.BindMount).ToList();
        foreach (var volume in service.Volumes.Where(v => v.Type == "bind"))
        {
            var source = mounts.Single(m => m.Target == volume.Target).Source!;
            volume.Source = folders.MountSource(source);
        }

        foreach (var (name, value) in service.Environment.ToList())
        {
            if (Placeholder().Match(value) is { Success: true } match && ComposeServices.SecretDescriptions.ContainsKey(match.Groups["name"].Value))
            {
                service.Environment[name] = ComposeServices.Required(match.Groups["name"].Value); // empty: Compose refuses to start
            }
        }

        switch (resource.Name)
        {
            case LabResources.DemoApp:
                AsBuiltImage(service, folders);
                break;
            case LabResources.Alloy:
                WithAlloySettings(service, lab.Mode.Account);
                break;
        }
    }

    /// <summary>The demo app built by <c>docker compose up --build</c> from its Dockerfile (context: the repository).</summary>
    private static void AsBuiltImage(Service service, Folders folders)
    {
        service.Image = ComposeServices.DemoAppImage.ToString();
        service.Build = new Build
        {
            Context = folders.MountSource(folders.Repository),
            Dockerfile = ComposeServices.DemoAppDockerfile,
        };
    }

    /// <summary>
    /// Alloy in the export: the machine's name from .env and, in cloud mode, the Grafana Cloud URLs and users given at
    /// publish time (a .env value of the same name overrides them) and the token as a Compose secret: a file next to the
    /// compose file, read by Alloy through <c>GC_TOKEN_FILE</c>.
    /// </summary>
    private static void WithAlloySettings(Service service, GrafanaCloudAccount? account)
    {
        service.Environment[AlloyEnvironment.LabHost] = ComposeServices.LabHostValue;
        if (account is null)
        {
            return;
        }

        (string Variable, string Value)[] published =
        [
            (AlloyEnvironment.CloudMetricsUrl, account.MetricsUrl.OriginalString), (AlloyEnvironment.CloudMetricsUser, account.MetricsUser),
            (AlloyEnvironment.CloudLogsUrl, account.LogsUrl.OriginalString), (AlloyEnvironment.CloudLogsUser, account.LogsUser),
        ];
        foreach (var (variable, value) in published)
        {
            service.Environment[variable] = ComposeServices.WithDefault(variable, value);
        }

        service.Secrets.Add(new SecretReference { Source = ComposeServices.CloudTokenSecret, Target = ComposeServices.CloudTokenFile });
        service.Environment[AlloyEnvironment.CloudTokenFile] = ComposeServices.CloudTokenPath;
    }

    /// <summary>Where `aspire publish` writes (null: no output path given) and the repository the mounts come from.</summary>
    private sealed record Folders(string? Output, string Repository)
    {
        public string MountSource(string hostPath) => Output is null ? hostPath : ComposeServices.MountSource(hostPath, Output, Repository);
    }

    [GeneratedRegex(@"^\$\{(?<name>[A-Z0-9_]+)\}$")]
    private static partial Regex Placeholder();
}
