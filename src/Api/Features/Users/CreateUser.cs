using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskManager.Api.Common;
using TaskManager.Application.Users;
using TaskManager.Application.Users.Commands.CreateUser;

namespace TaskManager.Api.Features.Users;

/// <summary>Add a person (administrators only): <c>POST /api/users</c>.</summary>
public static class CreateUser
{
    /// <summary>The body of POST /api/users.</summary>
    public sealed record CreateUserRequest(string? Email, string? Name, string? GithubUsername);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Users().MapPost("/", CreateAsync).WithName("CreateUser").ProducesBodyErrors(403, 409)
            .WithSummary("Create a user (administrators only).");

    private static async Task<Created<UserDto>> CreateAsync(CreateUserRequest body, ISender sender, CancellationToken ct)
    {
        var user = await sender.Send(new CreateUserCommand(body.Email, body.Name, body.GithubUsername), ct);
        return TypedResults.Created($"/api/users/{user.Id}", user);
    }
}
