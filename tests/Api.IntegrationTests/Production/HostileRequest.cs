namespace TaskManager.Api.IntegrationTests.Production;

/// <summary>
/// One malformed or malicious request. <c>{task}</c> in the path is the seeded task, <c>{missing}</c> a UUID nobody has.
/// <see cref="Caller"/> is member, admin, anonymous, or a kind of bad credential. <see cref="Expect"/> null means "any 4xx",
/// and <see cref="SuccessAllowed"/> marks reads for which a 200 (e.g. an empty list) is a correct answer.
/// </summary>
public sealed record HostileRequest(
    string Name,
    string Method,
    string Path,
    string? Body = null,
    string? ContentType = "application/json",
    int? Expect = null,
    string Caller = "member",
    bool SuccessAllowed = false,
    byte[]? RawBody = null,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public override string ToString() => Name;
}
