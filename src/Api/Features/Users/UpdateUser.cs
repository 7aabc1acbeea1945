using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskManager.Api.Common;
using TaskManager.Application.Contract;
using TaskManager.Application.Users;
using TaskManager.Application.Users.Commands.UpdateUser;

namespace TaskManager.Api.Features.Users;

/// <summary>Deactivate, reactivate or rename a person (administrators only): <c>PATCH /api/users/{id}</c>.</summary>
public static class UpdateUser
{
    /// <summary>
    /// The body of PATCH /api/users/{id}: <c>active</c> false deactivates and true reactivates; <c>email</c> and
    /// <c>name</c> replace the person's email and display name ("" removes the name). A field left out stays.
    /// </summary>
    [FieldHint("github_username", "A user's GitHub username cannot be changed.")]
    public sealed record PatchUserRequest
    {
        [DisallowNull]
        public bool? Active { get; init; }

        [DisallowNull, MaxLength(FieldLimits.UserEmail)]
        public string? Email { get; init; }

        [DisallowNull, MaxLength(FieldLimits.UserName)]
        public string? Name { get; init; }
    }

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Users().MapPatch("/{id:guid}", PatchAsync).WithName("UpdateUser").ProducesBodyErrors(403, 404, 409)
            .WithSummary("Deactivate (active: false) or reactivate a user, or change their email or name (administrators only); "
                + "a deactivated user's tokens and keys are refused at once, and a user is found under a new email at once.");

    private static async Task<Ok<UserDto>> PatchAsync(Guid id, PatchUserRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new UpdateUserCommand(id, body.Active, body.Email, body.Name), ct));
}
