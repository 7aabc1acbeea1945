using TaskManager.Domain.ApiKeys;
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
    public void ApiKeyRevoke_KeepsTheFirstRevocationTime()
    {
        var key = ApiKey.Issue(Guid.NewGuid(), "laptop", [1], "p", Now);

        key.Revoke(Now.AddHours(1));
        key.Revoke(Now.AddHours(2));

        Assert.Multiple(() =>
        {
            Assert.That(key.IsRevoked, Is.True);
            Assert.That(key.RevokedAt, Is.EqualTo(Now.AddHours(1)));
        });
    }
}
