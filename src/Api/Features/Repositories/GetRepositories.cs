using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Contract;
using TaskManager.Application.Repositories;
using TaskManager.Application.Repositories.Queries.GetRepositories;

namespace TaskManager.Api.Features.Repositories;

/// <summary>The repository directory: <c>GET /api/repositories</c> and the <c>list_repositories</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class GetRepositories
{
    /// <summary>A repository as an agent names it.</summary>
    public sealed record ToolRepository(string Name, string? Url);

    /// <summary>A page of repositories for an agent.</summary>
    public sealed record ToolRepositoryPage(IReadOnlyList<ToolRepository> Items, string? NextCursor);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Repositories().MapGet("/", ListAsync).WithName("ListRepositories").ProducesErrors(400);

    private static async Task<Ok<Page<RepositoryDto>>> ListAsync(ISender sender, CancellationToken ct, string? limit = null, string? cursor = null,
        string? q = null) =>
        TypedResults.Ok(await sender.Send(new GetRepositoriesQuery(QueryValues.Integer("limit", limit), cursor, q), ct));

    [McpServerTool(Name = "list_repositories", ReadOnly = true, OpenWorld = false)]
    [Description("Find repository names.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        CancellationToken cancellationToken,
        [Description("Search text.")] string? q = null,
        [Description("Page size.")] int? limit = null,
        [Description("From the last page.")] string? cursor = null)
    {
        var page = await sender.Send(new GetRepositoriesQuery(limit ?? Paging.AgentDefaultLimit, cursor, q), cancellationToken);
        var repositories = page.Items.Select(r => new ToolRepository(r.Name, r.Url)).ToList();
        return ToolReply.Of(new ToolRepositoryPage(repositories, page.NextCursor), ToolReply.Listing([.. repositories.Select(r => r.Name)],
            page.NextCursor, "No repository matches; call list_repositories without q to see them all."));
    }
}
