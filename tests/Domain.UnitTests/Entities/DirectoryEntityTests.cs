using TaskManager.Domain.ApiKeys;
using TaskManager.Domain.ApiKeys.Events;
using TaskManager.Domain.Common;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Users;

namespace TaskManager.Domain.UnitTests.Entities;

public sealed class DirectoryEntityTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void UserCreate_NormalizesEmail_AndTrimsOptionalFields()
    {
        var user = User.Create("  Ada@Example.COM ", "  Ada Lovelace ", "   ", Now);

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.Not.EqualTo(Guid.Empty));
            Assert.That(user.Email, Is.EqualTo("ada@example.com"));
            Assert.That(user.Name, Is.EqualTo("Ada Lovelace"));
            Assert.That(user.GithubUsername, Is.Null);
            Assert.That(user.CreatedAt, Is.EqualTo(Now));
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("not-an-email")]
    public void UserCreate_WithoutAnAddress_Throws(string email)
    {
        var error = Assert.Throws<DomainException>(() => User.Create(email, null, null, Now));

        Assert.That(error!.Field, Is.EqualTo("email"));
    }

    [Test]
    public void CodeRepositoryCreate_TrimsNameAndUrl()
    {
        var repository = CodeRepository.Create("  auth-service ", " https://git.example.com/auth ", Now);

        Assert.Multiple(() =>
        {
            Assert.That(repository.Name, Is.EqualTo("auth-service"));
            Assert.That(repository.Url, Is.EqualTo("https://git.example.com/auth"));
            Assert.That(CodeRepository.Create("x", "  ", Now).Url, Is.Null);
        });
    }

    [TestCase("")]
    [TestCase("  ")]
    public void CodeRepositoryCreate_WithoutAName_Throws(string name)
    {
        var error = Assert.Throws<DomainException>(() => CodeRepository.Create(name, null, Now));

        Assert.That(error!.Field, Is.EqualTo("name"));
    }

    [Test]
    public void ApiKeyIssue_KeepsDigestAndPrefix_AndIsActive()
    {
        var owner = Guid.NewGuid();

        var key = ApiKey.Issue(owner, " laptop ", [1, 2, 3], "tm_abcd", Now);

        Assert.Multiple(() =>
        {
            Assert.That(key.UserId, Is.EqualTo(owner));
            Assert.That(key.Name, Is.EqualTo("laptop"));
            Assert.That(key.Digest, Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(key.Prefix, Is.EqualTo("tm_abcd"));
            Assert.That(key.IsRevoked, Is.False);
            Assert.That(key.LastUsedAt, Is.Null);
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    public void ApiKeyIssue_WithoutAName_Throws(string name) =>
        Assert.That(Assert.Throws<DomainException>(() => ApiKey.Issue(Guid.NewGuid(), name, [1], "p", Now))!.Field, Is.EqualTo("name"));

    [Test]
    public void ApiKeyIssue_WithANameOverTheLimit_Throws() =>
        Assert.Throws<DomainException>(() => ApiKey.Issue(Guid.NewGuid(), new string('k', ApiKey.NameMaxLength + 1), [1], "p", Now));

    [Test]
    public void ApiKeyIssue_WithoutScopes_MayReadAndWrite_NeverExpires_AndRecordsWhoMintedIt()
    {
        var minter = Guid.NewGuid();

        var key = ApiKey.Issue(Guid.NewGuid(), "laptop", [1], "p", Now, createdByUserId: minter);

        Assert.Multiple(() =>
        {
            Assert.That(key.Scopes, Is.EqualTo(new[] { ApiKeyScopes.Read, ApiKeyScopes.Write }));
            Assert.That(key.ExpiresAt, Is.Null);
            Assert.That(key.IsExpiredAt(Now.AddYears(50)), Is.False);
            Assert.That(key.CreatedByUserId, Is.EqualTo(minter));
        });
    }

    [Test]
    public void ApiKeyIssue_KeepsNamedScopesOnceEach_InCanonicalOrder() =>
        Assert.That(ApiKey.Issue(Guid.NewGuid(), "k", [1], "p", Now, [ApiKeyScopes.Write, ApiKeyScopes.Read, ApiKeyScopes.Write]).Scopes,
            Is.EqualTo(new[] { ApiKeyScopes.Read, ApiKeyScopes.Write }));

    [Test]
    public void ApiKeyIssue_WithAnUnknownScope_ThrowsNamingTheScopes()
    {
        var error = Assert.Throws<DomainException>(() => ApiKey.Issue(Guid.NewGuid(), "k", [1], "p", Now, ["admin"]));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Field, Is.EqualTo("scopes"));
            Assert.That(error.Message, Is.EqualTo("'admin' is not a scope; use read, or read and write."));
        });
    }

    [Test]
    public void ApiKeyIssue_ThatWritesButDoesNotRead_Throws() =>
        Assert.That(Assert.Throws<DomainException>(() => ApiKey.Issue(Guid.NewGuid(), "k", [1], "p", Now, [ApiKeyScopes.Write]))!.Field,
            Is.EqualTo("scopes"));

    [Test]
    public void ApiKey_WithAnExpiry_IsExpiredFromThatMomentOn()
    {
        var key = ApiKey.Issue(Guid.NewGuid(), "k", [1], "p", Now, expiresAt: Now.AddDays(30));

        Assert.Multiple(() =>
        {
            Assert.That(key.IsExpiredAt(Now.AddDays(30).AddTicks(-1)), Is.False);
            Assert.That(key.IsExpiredAt(Now.AddDays(30)), Is.True);
        });
    }

    [TestCase(0, TestName = "ApiKeyIssue_ExpiringNow_Throws")]
    [TestCase(-1, TestName = "ApiKeyIssue_ExpiringInThePast_Throws")]
    [TestCase(3654, TestName = "ApiKeyIssue_ExpiringMoreThanTenYearsAhead_Throws")]
    public void ApiKeyIssue_WithAnExpiryOutOfRange_Throws(int days) =>
        Assert.That(Assert.Throws<DomainException>(() => ApiKey.Issue(Guid.NewGuid(), "k", [1], "p", Now, expiresAt: Now.AddDays(days)))!.Field,
            Is.EqualTo("expires_at"));

    [Test]
    public void ApiKeyRevoke_KeepsTheFirstRevocationTime_AndRaisesApiKeyRevokedOnce()
    {
        var key = ApiKey.Issue(Guid.NewGuid(), "laptop", [1], "p", Now);

        key.Revoke(Now.AddHours(1));
        key.Revoke(Now.AddHours(2));

        Assert.Multiple(() =>
        {
            Assert.That(key.IsRevoked, Is.True);
            Assert.That(key.RevokedAt, Is.EqualTo(Now.AddHours(1)));
            Assert.That(key.DomainEvents, Has.Count.EqualTo(1));
            Assert.That(key.DomainEvents[0], Is.EqualTo(new ApiKeyRevoked(key, Now.AddHours(1)) { EventId = key.DomainEvents[0].EventId }));
        });
    }
}
