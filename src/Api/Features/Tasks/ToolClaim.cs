using System.ComponentModel;
using TaskManager.Application.Tasks.Commands.ClaimNextTask;

namespace TaskManager.Api.Features.Tasks;

/// <summary>What claim_next_task answers: the claimed task, or none and why.</summary>
[Description("The claimed task, or null with the reason.")]
public sealed record ToolClaim(ToolTask? Task, string? Reason)
{
    public static ToolClaim From(ClaimResult result) => new(result.Task is { } task ? ToolTask.From(task) : null, result.Reason);
}
