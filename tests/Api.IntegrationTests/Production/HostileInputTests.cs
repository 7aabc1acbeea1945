using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Infrastructure.Identity;
using TaskManager.TestSupport;

namespace TaskManager.Api.IntegrationTests.Production;

/// <summary>
/// Every hostile request must be answered without a 5xx, with the error JSON (unless a 200 is a correct answer for a
/// read), and must leave the database exactly as it was: same row count and the same content checksum in every table.
/// </summary>
public sealed class HostileInputTests : IntegrationTestBase
{
    private Guid _taskId;

    /// <summary>Every case must leave the data as it found it, which each case checks; so seed once.</summary>
    protected override bool ResetBeforeEachTest => false;

    public static IEnumerable<TestCaseData> Cases() =>
        HostileInputCases.All().Select(c => new TestCaseData(c).SetName($"Hostile({c.Name})"));

    [Test]
    public void Table_HasAtLeast150Cases_WithUniqueNames()
    {
        var names = HostileInputCases.All().Select(c => c.Name).ToList();
        Assert.That(names, Has.Count.GreaterThanOrEqualTo(150));
        Assert.That(names, Is.Unique);
    }

    [SetUp]
    public async Task SeedAsync()
    {
        if (_taskId != Guid.Empty)
            return;
        await AddRepositoryAsync("hostile-repo");
        var created = await MemberClient.PostAsJsonAsync("/api/tasks",
            new { title = "Seed task", description = "before", assignee_id = Member.Email, repository = "hostile-repo" }, Json);
        created.EnsureSuccessStatusCode();
        _taskId = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();
        (await MemberClient.PostAsJsonAsync($"/api/tasks/{_taskId}/comments", new { comment = "first" }, Json)).EnsureSuccessStatusCode();
    }

    [TestCaseSource(nameof(Cases))]
    public async Task HostileRequest_IsRefusedCleanly_AndChangesNothing(HostileRequest hostile)
    {
        var before = await SnapshotAsync();

        using var response = await SendAsync(hostile);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(status, Is.LessThan(500), $"{hostile.Name}: {text}");
        if (hostile.Expect is { } expected)
            Assert.That(status, Is.EqualTo(expected), $"{hostile.Name}: {text}");
        else if (!hostile.SuccessAllowed)
            Assert.That(status, Is.InRange(400, 499), $"{hostile.Name}: {text}");

        if (hostile.Method != "HEAD")
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), $"{hostile.Name}: {text}");
            var body = JsonDocument.Parse(text).RootElement;
            if (status >= 400)
            {
                var error = body.GetProperty("error");
                Assert.Multiple(() =>
                {
                    Assert.That(error.GetProperty("code").GetString(), Is.Not.Empty);
                    Assert.That(error.GetProperty("message").GetString(), Is.Not.Empty);
                    Assert.That(error.GetProperty("details").ValueKind, Is.EqualTo(JsonValueKind.Object));
                    Assert.That(text, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack traces or exception names");
                });
            }
        }

        Assert.That(await SnapshotAsync(), Is.EqualTo(before), "the database is unchanged");
    }

    private async Task<HttpResponseMessage> SendAsync(HostileRequest hostile)
    {
        var path = hostile.Path.Replace("{task}", _taskId.ToString(), StringComparison.Ordinal)
            .Replace("{missing}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), path);
        if (hostile.RawBody is { } raw)
            request.Content = new ByteArrayContent(raw);
        else if (hostile.Body is { } body)
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (request.Content is not null)
        {
            request.Content.Headers.ContentType = hostile.ContentType is null ? null : MediaTypeHeaderValue.Parse(hostile.ContentType);
        }
        foreach (var (name, value) in hostile.Headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        Authorize(request, hostile.Caller);
        using var client = Factory.CreateClient();
        return await client.SendAsync(request);
    }

    private void Authorize(HttpRequestMessage request, string caller)
    {
        var secret = TestEnvironment.JwtSecret;
        string? authorization = caller switch
        {
            "member" => $"Bearer {TokenFor(Member)}",
            "admin" => $"Bearer {TokenFor(Admin, admin: true)}",
            "anonymous" or "query-token" => null,
            "garbage-token" => "Bearer this.is.not-a-jwt",
            "bearer-empty" => "Bearer ",
            "basic-auth" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("member@example.com:password")),
            "alg-none" => $"Bearer {Unsigned(Member.Id)}",
            "expired" => $"Bearer {Token(Member.Id, secret, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1))}",
            "wrong-secret" => $"Bearer {Token(Member.Id, "another-secret-0123456789abcdefghijklmnopqrstuvwxyz", DateTime.UtcNow, DateTime.UtcNow.AddHours(1))}",
            "unknown-user" => $"Bearer {Token(Guid.NewGuid(), secret, DateTime.UtcNow, DateTime.UtcNow.AddHours(1))}",
            _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "unknown caller kind"),
        };
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (caller == "query-token")
            request.RequestUri = new Uri($"{request.RequestUri}?access_token={TokenFor(Member)}", UriKind.Relative);
    }

    private static string Token(Guid userId, string secret, DateTime notBefore, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { [TaskManagerClaims.UserId] = userId.ToString() },
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(JwtTokenIssuer.SigningKey(secret), SecurityAlgorithms.HmacSha256),
        });

    private static string Unsigned(Guid userId)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Part("""{"alg":"none","typ":"JWT"}""")}.{Part($$"""{"user_id":"{{userId}}","exp":{{exp}}}""")}.";
    }

    private static async Task<string> SnapshotAsync() => await DatabaseSnapshot.TakeAsync((await DatabaseAsync()).ConnectionString, DatabaseSnapshot.RelayBookkeeping);
}
