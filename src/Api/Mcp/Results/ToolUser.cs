using System.ComponentModel;

namespace TaskManager.Api.Mcp.Results;

[Description("A user.")]
public sealed record ToolUser(
    [property: Description("User id (UUID).")] Guid Id,
    [property: Description("Email; tools accept it wherever a user is named.")] string Email,
    [property: Description("Display name, or null.")] string? Name);
