using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Api.Features.Tasks;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Contract;
using TaskManager.Application.Users;
using TaskManager.Application.Users.Queries.GetUsers;

namespace TaskManager.Api.Features.Users;

/// <summary>The people directory: <c>GET /api/users</c> and the <c>list_users</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class GetUsers
{
    /// <summary>A page of people for an agent: id, email and name only; active people only, as only they can be given tasks.</summary>
    public sealed record ToolUserPage(IReadOnlyList<ToolUser> Items, string? NextCursor);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Users().MapGet("/", ListAsync).WithName("ListUsers").ProducesErrors(400);

    private static async Task<Ok<Page<UserDto>>> ListAsync(ISender sender, CancellationToken ct, string? limit = null, string? cursor = null,
        string? q = null, [FromQuery(Name = "include_inactive")] string? includeInactive = null) =>
        TypedResults.Ok(await sender.Send(
            new GetUsersQuery(QueryValues.Integer("limit", limit), cursor, q, QueryValues.Flag("include_inactive", includeInactive)), ct));

    [McpServerTool(Name = "list_users", ReadOnly = true, OpenWorld = false)]
    [Description("Find people by email or name.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        CancellationToken cancellationToken,
        [Description("Search text.")] string? q = null,
        [Description("Page size.")] int? limit = null,
        [Description("From the last page.")] string? cursor = null)
    {
        var page = await sender.Send(new GetUsersQuery(limit ?? Paging.AgentDefaultLimit, cursor, q), cancellationToken);
        var users = page.Items.Select(u => new ToolUser(u.Id, u.Email, u.Name)).ToList();
        var lines = users.Select(u => u.Name is null ? u.Email : $"{u.Email} ({u.Name})").ToList();
        return ToolReply.Of(new ToolUserPage(users, page.NextCursor),
            ToolReply.Listing(lines, page.NextCursor, "No user matches; call list_users without q to see everyone."));
    }
}
