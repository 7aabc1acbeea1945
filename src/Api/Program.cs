using TaskManager.Api.Cli;
using TaskManager.Api.Hosting;

namespace TaskManager.Api;

/// <summary>One program, two faces: with a verb (<c>migrate</c>, <c>seed</c>, <c>token</c>...) it is the operator CLI; without, the server.</summary>
public partial class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (CliApp.IsCommand(args))
            return await CliApp.RunAsync(args);
        await WebApp.Build(args).RunAsync();
        return 0;
    }
}
