using System.ComponentModel;

namespace TaskManager.Api.Mcp.Results;

[Description("A user.")]
public sealed record ToolUser(
    Guid Id,
    string Email,
    string? Name);
