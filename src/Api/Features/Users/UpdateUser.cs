using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskManager.Api.Common;
using TaskManager.Application.Users;
using TaskManager.Application.Users.Commands.UpdateUser;

namespace TaskManager.Api.Features.Users;

/// <summary>Deactivate or reactivate a person (administrators only): <c>PATCH /api/users/{id}</c>.</summary>
public static class UpdateUser
{
    /// <summary>The body of PATCH /api/users/{id}: <c>{"active": false}</c> deactivates, <c>{"active": true}</c> reactivates.</summary>
    [FieldHint("email", "A user's email cannot be changed.")]
    public sealed record PatchUserRequest([property: Required] bool? Active);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Users().MapPatch("/{id:guid}", PatchAsync).WithName("UpdateUser").ProducesBodyErrors(403, 404)
            .WithSummary("Deactivate (active: false) or reactivate a user (administrators only); a deactivated user's tokens and keys are refused at once.");

    private static async Task<Ok<UserDto>> PatchAsync(Guid id, PatchUserRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new UpdateUserCommand(id, body.Active), ct));
}
