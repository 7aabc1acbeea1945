using System.Text.Json.Serialization;
using TaskManager.Application.Common.Models;

namespace TaskManager.Api.Endpoints.Requests;

/// <summary>
/// PATCH /api/tasks/{id}: only the fields present change. <c>assignee_id</c> and <c>repository</c> may be set to
/// null to unassign or detach, so their presence is tracked apart from their value.
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

    public Optional<string> AssigneeIdField => AssigneeIdSet ? Optional<string>.Of(AssigneeId) : Optional<string>.Unset;

    public Optional<string> RepositoryField => RepositorySet ? Optional<string>.Of(Repository) : Optional<string>.Unset;
}
