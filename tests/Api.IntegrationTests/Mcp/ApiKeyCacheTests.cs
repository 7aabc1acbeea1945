using Microsoft.Extensions.Options;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Users;
using TaskManager.Infrastructure.Identity;

namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>
/// The cache of accepted API keys, on its own with a clock the test moves: what it keeps, for how long, and what makes
/// it forget. That a revocation reaches every instance end to end is ApiKeyRevocationTests' concern.
/// </summary>
public sealed class ApiKeyCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly byte[] _digest = [1, 2, 3];
    private readonly byte[] _otherDigest = [4, 5, 6];
    private TestClock _clock = null!;
    private ApiKeyCache _cache = null!;

    [SetUp]
    public void CreateCache()
    {
        _clock = new TestClock(Start);
        _cache = CacheFor(Lifetime);
    }

    [Test]
    public void AcceptedKey_IsFound_UntilItsLifetimeEnds()
    {
        var owner = Owner();
        _cache.Remember(_digest, owner, _cache.Generation);

        var found = _cache.Find(_digest);
        _clock.Now = Start + Lifetime;

        Assert.Multiple(() =>
        {
            Assert.That(found, Is.SameAs(owner));
            Assert.That(_cache.Find(_digest), Is.Null);
        });
    }

    [Test]
    public void Revocation_ForgetsThatKey_AndNoOther()
    {
        var revoked = Owner();
        var kept = Owner(revoked.UserId);
        _cache.Remember(_digest, revoked, _cache.Generation);
        _cache.Remember(_otherDigest, kept, _cache.Generation);

        _cache.OnChanged(DirectoryChange.ApiKeyRevoked(revoked.KeyId, revoked.UserId));

        Assert.Multiple(() =>
        {
            Assert.That(_cache.Find(_digest), Is.Null);
            Assert.That(_cache.Find(_otherDigest), Is.SameAs(kept));
        });
    }

    [Test]
    public void ChangeToTheOwner_ForgetsEveryKeyOfTheirs_AndNoOneElses()
    {
        var theirs = Owner();
        var someoneElses = Owner();
        _cache.Remember(_digest, theirs, _cache.Generation);
        _cache.Remember(_otherDigest, someoneElses, _cache.Generation);

        _cache.OnChanged(DirectoryChange.UserChanged(new UserDto(theirs.UserId, theirs.Email, "Ada", null, false, Start)));

        Assert.Multiple(() =>
        {
            Assert.That(_cache.Find(_digest), Is.Null);
            Assert.That(_cache.Find(_otherDigest), Is.SameAs(someoneElses));
        });
    }

    [Test]
    public void MissedChanges_ForgetEverything()
    {
        _cache.Remember(_digest, Owner(), _cache.Generation);

        _cache.OnChangesMissed();

        Assert.That(_cache.Find(_digest), Is.Null);
    }

    [Test]
    public void LookUpThatRacedARevocation_IsNotKept()
    {
        var owner = Owner();
        var generationBeforeLookUp = _cache.Generation;

        // The key is revoked (here or on another instance) while this call's look-up is on its way back.
        _cache.OnChanged(DirectoryChange.ApiKeyRevoked(owner.KeyId, owner.UserId));
        _cache.Remember(_digest, owner, generationBeforeLookUp);

        Assert.That(_cache.Find(_digest), Is.Null);
    }

    [Test]
    public void NoLifetime_KeepsNothing()
    {
        var cache = CacheFor(TimeSpan.Zero);

        cache.Remember(_digest, Owner(), cache.Generation);

        Assert.That(cache.Find(_digest), Is.Null);
    }

    private ApiKeyCache CacheFor(TimeSpan lifetime) => new(_clock, Options.Create(new ApiKeyOptions { CacheLifetime = lifetime }));

    private static ApiKeyOwner Owner(Guid? userId = null) =>
        new(Guid.NewGuid(), "laptop", userId ?? Guid.NewGuid(), "ada@example.com", true, ["tasks:read"], null, null);
}
