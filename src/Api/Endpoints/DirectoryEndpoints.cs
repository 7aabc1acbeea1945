using Mediator;
using TaskManager.Api.Endpoints.Requests;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Repositories;
using TaskManager.Application.Repositories.Commands.CreateRepository;
using TaskManager.Application.Repositories.Queries.GetRepositories;
using TaskManager.Application.Users;
using TaskManager.Application.Users.Commands.CreateUser;
using TaskManager.Application.Users.Queries.GetUsers;

namespace TaskManager.Api.Endpoints;

/// <summary>/api/users and /api/repositories: anyone signed in reads, administrators create.</summary>
public static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder MapDirectoryEndpoints(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/api/users").WithTags("Users").RequireAuthorization().ProducesErrors(ErrorResponses.Common);
        users.MapGet("/", async (ISender sender, CancellationToken ct, string? limit = null, string? cursor = null) =>
            TypedResults.Ok(await sender.Send(new GetUsersQuery(QueryValues.Integer("limit", limit), cursor), ct)))
            .WithName("ListUsers").Produces<Page<UserDto>>().ProducesErrors(400);
        users.MapPost("/", async (CreateUserRequest body, ISender sender, CancellationToken ct) =>
        {
            var user = await sender.Send(new CreateUserCommand(body.Email, body.Name, body.GithubUsername), ct);
            return TypedResults.Created($"/api/users/{user.Id}", user);
        }).WithName("CreateUser").ProducesBodyErrors(403, 409).WithSummary("Create a user (administrators only).");

        var repositories = routes.MapGroup("/api/repositories").WithTags("Repositories").RequireAuthorization().ProducesErrors(ErrorResponses.Common);
        repositories.MapGet("/", async (ISender sender, CancellationToken ct, string? limit = null, string? cursor = null) =>
            TypedResults.Ok(await sender.Send(new GetRepositoriesQuery(QueryValues.Integer("limit", limit), cursor), ct)))
            .WithName("ListRepositories").Produces<Page<RepositoryDto>>().ProducesErrors(400);
        repositories.MapPost("/", async (CreateRepositoryRequest body, ISender sender, CancellationToken ct) =>
        {
            var repository = await sender.Send(new CreateRepositoryCommand(body.Name, body.Url), ct);
            return TypedResults.Created($"/api/repositories/{repository.Id}", repository);
        }).WithName("CreateRepository").ProducesBodyErrors(403, 409).WithSummary("Create a repository (administrators only).");
        return routes;
    }
}
