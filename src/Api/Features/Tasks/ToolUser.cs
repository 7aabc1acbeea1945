using System.ComponentModel;

namespace TaskManager.Api.Features.Tasks;

[Description("A user.")]
public sealed record ToolUser(
    Guid Id,
    string Email,
    string? Name);
