using TaskManager.Application.Common.Exceptions;

namespace TaskManager.Api.Common;

/// <summary>Parses the tool arguments the SDK passes as text, with errors that name the argument and where a valid value comes from.</summary>
public static class ToolArguments
{
    public static Guid TaskId(string value, string argument = "task_id") =>
        Guid.TryParse(value?.Trim(), out var id)
            ? id
            : throw ValidationException.For(argument, $"'{value}' is not a task id; pass the id (a UUID) that get_tasks or create_task returned.");
}
