using System.Text.Json.Serialization;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Models;
using TaskManager.Application.Contract;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.UpdateTask;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Edit a task's fields: <c>PATCH /api/tasks/{id}</c> and the <c>update_task</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class UpdateTask
{
    /// <summary>
    /// The body of PATCH /api/tasks/{id}: only the fields present change. <c>assignee_id</c> and <c>repository</c> may be
    /// set to null to unassign or detach, so their presence is tracked apart from their value.
    /// </summary>
    public sealed class PatchTaskRequest
    {
        private string? _assigneeId;
        private string? _repository;

        public string? Title { get; init; }

        public string? Description { get; init; }

        public string? Priority { get; init; }

        public string? Complexity { get; init; }

        public string? AssigneeId
        {
            get => _assigneeId;
            init => (_assigneeId, AssigneeIdSet) = (value, true);
        }

        public string? Repository
        {
            get => _repository;
            init => (_repository, RepositorySet) = (value, true);
        }

        [JsonIgnore]
        public bool AssigneeIdSet { get; private init; }

        [JsonIgnore]
        public bool RepositorySet { get; private init; }

        [JsonIgnore]
        public Optional<string> AssigneeIdField => AssigneeIdSet ? Optional<string>.Of(AssigneeId) : Optional<string>.Unset;

        [JsonIgnore]
        public Optional<string> RepositoryField => RepositorySet ? Optional<string>.Of(Repository) : Optional<string>.Unset;
    }

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapPatch("/{id:guid}", PatchAsync).WithName("UpdateTask").ProducesBodyErrors(404, 409)
            .WithSummary("Change title, description, priority, complexity, assignee or repository; honours If-Match.");

    private static async Task<Ok<TaskDto>> PatchAsync(Guid id, PatchTaskRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var task = await sender.Send(new UpdateTaskCommand(id, body.Title, body.Description, body.Priority, body.Complexity,
            body.AssigneeIdField, body.RepositoryField, ETags.ExpectedVersion(http.Request)), ct);
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
