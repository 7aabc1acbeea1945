using System.Net;
using TaskManager.Api.IntegrationTests.Mcp;

namespace TaskManager.Api.IntegrationTests.Access;

/// <summary>
/// Revoking a key refuses it on every instance, though each remembers the keys it accepted. Both instances here trust
/// a key for an hour, so a refusal can only come from the <c>api_key_revoked</c> event (acted on before answering by
/// the instance that revoked the key), never from a cache entry running out.
/// </summary>
public sealed class ApiKeyRevocationTests : McpTestBase
{
    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?> { ["API_KEY_CACHE_SECONDS"] = "3600" };

    [Test]
    public async Task Revocation_RefusesTheKeyOnBothInstances_ThoughBothHadItCached()
    {
        var (key, id) = await CreateApiKeyAsync(MemberClient);
        using var first = Factory.CreateClient();
        using var second = Second.CreateClient();
        Assert.That((await ListToolsRawAsync(first, key)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ListToolsRawAsync(second, key)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await MemberClient.DeleteAsync($"/api/api-keys/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That((await ListToolsRawAsync(first, key)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized),
            "the instance that revoked the key refuses it before answering the revocation");
        Assert.That((await EventuallyAsync(() => ListToolsRawAsync(second, key), r => r.StatusCode == HttpStatusCode.Unauthorized)).StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized), "the other instance refuses it once the event arrives");
    }

    [Test]
    public async Task RevokingOneKey_KeepsTheOwnersOtherKeysWorkingOnEveryInstance()
    {
        var (revoked, id) = await CreateApiKeyAsync(MemberClient, "old-laptop");
        var (kept, _) = await CreateApiKeyAsync(MemberClient, "new-laptop");
        using var second = Second.CreateClient();
        Assert.That((await ListToolsRawAsync(second, revoked)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ListToolsRawAsync(second, kept)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await MemberClient.DeleteAsync($"/api/api-keys/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await EventuallyAsync(() => ListToolsRawAsync(second, revoked), r => r.StatusCode == HttpStatusCode.Unauthorized);
        Assert.That((await ListToolsRawAsync(second, kept)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ANewKey_WorksAtOnceOnEveryInstance()
    {
        using var second = Second.CreateClient();
        var (key, _) = await CreateApiKeyAsync(MemberClient);

        Assert.That((await ListToolsRawAsync(second, key)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
