namespace TaskManager.Api.Cli;

/// <summary>The command line is wrong; the message is shown with the usage text.</summary>
public sealed class CliUsageException(string message) : Exception(message);
