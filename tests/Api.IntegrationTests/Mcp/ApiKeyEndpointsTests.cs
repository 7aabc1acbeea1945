using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Infrastructure.Persistence;
using TaskManager.TestSupport;

namespace TaskManager.Api.IntegrationTests.Mcp;

public sealed class ApiKeyEndpointsTests : McpTestBase
{
    [Test]
    public async Task Create_ShowsTheKeyOnce_AndStoresOnlyItsHmacDigest()
    {
        var response = await MemberClient.PostAsJsonAsync("/api/api-keys", new { name = "laptop" }, Json);
        var created = await ReadJsonAsync(response);
        var key = created.GetProperty("key").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(created.GetProperty("name").GetString(), Is.EqualTo("laptop"));
            Assert.That(key, Does.Match("^tm_[0-9A-Za-z]{40}$"));
            Assert.That(created.TryGetProperty("created_at", out _), Is.True);
        });

        var listed = (await ReadJsonAsync(await MemberClient.GetAsync("/api/api-keys"))).GetProperty("items").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(listed.GetProperty("id").GetGuid(), Is.EqualTo(created.GetProperty("id").GetGuid()));
            Assert.That(listed.GetProperty("prefix").GetString(), Is.EqualTo(key[..8]));
            Assert.That(listed.GetProperty("user_id").GetGuid(), Is.EqualTo(Member.Id));
            Assert.That(listed.GetProperty("revoked_at").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(listed.TryGetProperty("key", out _), Is.False, "the secret is never listed");
        });

        using var scope = Factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().ApiKeys.SingleAsync();
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(TestEnvironment.ApiKeySalt), Encoding.UTF8.GetBytes(key));
        Assert.That(stored.Digest, Is.EqualTo(expected));
    }

    [Test]
    public async Task Create_WithoutAName_IsAValidationError()
    {
        var response = await MemberClient.PostAsJsonAsync("/api/api-keys", new { name = " " }, Json);
        var body = await ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("error").GetProperty("details").GetProperty("errors").TryGetProperty("name", out _), Is.True);
        });
    }

    [Test]
    public async Task Create_ForSomeoneElse_IsForAdministratorsOnly()
    {
        var member = await MemberClient.PostAsJsonAsync("/api/api-keys", new { name = "x", user_id = Admin.Email }, Json);
        var admin = await AdminClient.PostAsJsonAsync("/api/api-keys", new { name = "for-max", user_id = Member.Email }, Json);
        Assert.Multiple(() =>
        {
            Assert.That(member.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        });

        var membersKeys = (await ReadJsonAsync(await MemberClient.GetAsync("/api/api-keys"))).GetProperty("items");
        var viaAdmin = (await ReadJsonAsync(await AdminClient.GetAsync($"/api/api-keys?user_id={Member.Id}"))).GetProperty("items");
        Assert.Multiple(async () =>
        {
            Assert.That(membersKeys.EnumerateArray().Select(k => k.GetProperty("name").GetString()), Is.EqualTo(new[] { "for-max" }));
            Assert.That(viaAdmin.GetArrayLength(), Is.EqualTo(1));
            Assert.That((await MemberClient.GetAsync($"/api/api-keys?user_id={Admin.Email}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await AdminClient.GetAsync("/api/api-keys")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Revoke_ByAnotherUser_IsNotFound_ByTheOwner_MarksItRevoked()
    {
        var (_, id) = await CreateApiKeyAsync(MemberClient);
        var other = await AddUserAsync("other@example.com", "Other");
        using var otherClient = ClientFor(other);

        Assert.That((await otherClient.DeleteAsync($"/api/api-keys/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await MemberClient.DeleteAsync($"/api/api-keys/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await MemberClient.DeleteAsync($"/api/api-keys/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "revoking twice is harmless");
        Assert.That((await MemberClient.DeleteAsync($"/api/api-keys/{Guid.NewGuid()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var listed = (await ReadJsonAsync(await MemberClient.GetAsync("/api/api-keys"))).GetProperty("items")[0];
        Assert.That(listed.GetProperty("revoked_at").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.String));
    }

    [Test]
    public async Task Admin_CanRevokeAnyonesKey()
    {
        var (_, id) = await CreateApiKeyAsync(MemberClient);
        Assert.That((await AdminClient.DeleteAsync($"/api/api-keys/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task ApiKeys_WithoutAToken_Are401()
    {
        using var anonymous = Factory.CreateClient();
        Assert.That((await anonymous.GetAsync("/api/api-keys")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
