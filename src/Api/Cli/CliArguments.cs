namespace TaskManager.Api.Cli;

/// <summary>The options of a verb: <c>--name value</c> pairs and bare <c>--flag</c>s.</summary>
public sealed class CliArguments(IReadOnlyList<string> args)
{
    public string? Value(string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
                return args[i + 1];
        }
        return null;
    }

    public string Required(string name) =>
        Value(name) ?? throw new CliUsageException($"{name} is required.");

    public bool Flag(string name) => args.Contains(name);
}
