using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace TaskManager.Api.Hosting;

/// <summary>
/// Started as <c>dotnet path/to/TaskManager.Api.dll</c> from another folder (scripts/run.sh, scripts/bench.sh), the
/// content root is the working directory, appsettings.json is not found there, and every category logs at
/// Information — every SQL command included, which cost the list endpoint about a third of its throughput
/// (docs/benchmarks.md). The copy beside the binary is then read as the lowest-precedence source.
/// </summary>
public static class AppSettingsBesideBinary
{
    private const string FileName = "appsettings.json";

    public static void AddAppSettingsBesideBinary(this IConfigurationManager configuration, IHostEnvironment environment)
    {
        var binaryFolder = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(environment.ContentRootPath, FileName)) || !File.Exists(Path.Combine(binaryFolder, FileName)))
            return;
        var source = new JsonConfigurationSource { FileProvider = new PhysicalFileProvider(binaryFolder), Path = FileName, Optional = true };
        configuration.Sources.Insert(0, source);
    }
}
