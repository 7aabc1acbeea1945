using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Models;
using TaskManager.Application.Contract;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.UpdateTask;

using ValidationException = TaskManager.Application.Common.Exceptions.ValidationException;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Edit a task's fields: <c>PATCH /api/tasks/{id}</c> and the <c>update_task</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class UpdateTask
{
    /// <summary>
    /// The body of PATCH /api/tasks/{id}. A field left out stays as it is; null or "" means "no value", which clears
    /// <c>description</c>, <c>assignee_id</c> and <c>repository</c> and is refused for <c>title</c>, <c>priority</c> and
    /// <c>complexity</c> (a task always has them). So each field's presence is recorded apart from its value.
    /// </summary>
    [FieldHint("status", "The status is changed with PUT /api/tasks/{id}/status, which also takes a comment for the history.")]
    [FieldHint("version", "The version cannot be set; send the version you read as If-Match to refuse a stale edit.")]
    public sealed class PatchTaskRequest
    {
        private readonly HashSet<string> _given = new(StringComparer.Ordinal);

        [MinLength(1), MaxLength(FieldLimits.TaskTitle), DisallowNull]
        public string? Title { get; init => field = Given(value); }

        [MaxLength(FieldLimits.TaskDescription)]
        public string? Description { get; init => field = Given(value); }

        [DisallowNull]
        public string? Priority { get; init => field = Given(value); }

        [DisallowNull]
        public string? Complexity { get; init => field = Given(value); }

        /// <summary>A user's UUID or email, or "me"; null or "" unassigns.</summary>
        [MaxLength(FieldLimits.UserReference)]
        public string? AssigneeId { get; init => field = Given(value); }

        /// <summary>A repository, by name; null or "" detaches the task.</summary>
        [MaxLength(FieldLimits.RepositoryName)]
        public string? Repository { get; init => field = Given(value); }

        /// <summary>
        /// The command keeps its own convention: a null text field is left alone and "" is "no value" (the validator refuses
        /// it where a value is needed, the task clears its description); the references are optional values.
        /// </summary>
        public UpdateTaskCommand ToCommand(Guid id, int? expectedVersion)
        {
            if (_given.Count == 0)
            {
                throw ValidationException.For("body",
                    "Nothing to change: send at least one of title, description, priority, complexity, assignee_id, repository.");
            }
            return new UpdateTaskCommand(id, Text(nameof(Title), Title), Text(nameof(Description), Description),
                Text(nameof(Priority), Priority), Text(nameof(Complexity), Complexity),
                Reference(nameof(AssigneeId), AssigneeId), Reference(nameof(Repository), Repository), expectedVersion);

            string? Text(string property, string? value) => _given.Contains(property) ? value ?? "" : null;

            Optional<string> Reference(string property, string? value) =>
                _given.Contains(property) ? Optional<string>.Of(NoValue.IfBlank(value)) : Optional<string>.Unset;
        }

        private string? Given(string? value, [CallerMemberName] string property = "")
        {
            _given.Add(property);
            return value;
        }
    }

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapPatch("/{id:guid}", PatchAsync).WithName("UpdateTask").ProducesBodyErrors(403, 404, 409)
            .AcceptsHeader(WireHeaders.IfMatch).AnswersHeaders(StatusCodes.Status200OK, WireHeaders.ETag)
            .WithSummary("Change title, description, priority, complexity, assignee or repository; honours If-Match.");

    private static async Task<Ok<TaskDto>> PatchAsync(Guid id, PatchTaskRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var task = await sender.Send(body.ToCommand(id, ETags.ExpectedVersion(http.Request)), ct);
        http.Response.Headers.ETag = ETags.For(task.Version);
        return TypedResults.Ok(task);
    }

    [McpServerTool(Name = "update_task", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Edit a task's fields; omitted ones stay.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        [Description("Task id.")] string task_id,
        CancellationToken cancellationToken,
        [Description("Title."), MaxLength(FieldLimits.TaskTitle)] string? title = null,
        [Description("Description.")] string? description = null,
        [Description("low, medium, high, urgent.")] string? priority = null,
        [Description("low, medium, high.")] string? complexity = null,
        [Description("Email, id, 'me' or 'none'.")] string? assignee = null,
        [Description("Name or 'none'.")] string? repository = null,
        [Description("Refuse if the task changed.")] int? expected_version = null,
        [Description("Label shown as author.")] string? updated_by = null)
    {
        var task = await sender.Send(new UpdateTaskCommand(ToolArguments.TaskId(task_id), title, description, priority, complexity,
            ToolArguments.Clearable(assignee), ToolArguments.Clearable(repository), expected_version, updated_by), cancellationToken);
        var updated = ToolTask.From(task);
        return ToolReply.Of(updated, updated.Line("Updated"));
    }
}
