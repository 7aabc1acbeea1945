using System.Text.Json;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;
using TaskManager.Application.Users;

namespace TaskManager.Application.Common.Events;

/// <summary>
/// A directory event as every instance receives it: its type (<see cref="DirectoryEvents"/>), the user or API key it
/// concerns and that subject's JSON (a user as the REST API writes it, a key as its id and owner).
/// </summary>
public sealed record DirectoryChange(string EventType, Guid SubjectId, string Data)
{
    public static DirectoryChange UserChanged(UserDto user) =>
        new(DirectoryEvents.UserChanged, user.Id, JsonSerializer.Serialize(user, WireJson.Options));

    public static DirectoryChange ApiKeyRevoked(Guid keyId, Guid userId) =>
        new(DirectoryEvents.ApiKeyRevoked, keyId, JsonSerializer.Serialize(new RevokedKey(keyId, userId), WireJson.Options));

    /// <summary>The user lost their access: their streams end and their credentials are refused.</summary>
    public bool IsDeactivation =>
        EventType == DirectoryEvents.UserChanged
        && JsonDocument.Parse(Data).RootElement.TryGetProperty("active", out var active)
        && active.ValueKind == JsonValueKind.False;

    private sealed record RevokedKey(Guid Id, Guid UserId);
}
