using Microsoft.Extensions.Options;
using Moq;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;
using TaskManager.Application.Users;

namespace TaskManager.Application.UnitTests.Lookups;

public sealed class DirectoryCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly DirectoryUser _ada = new(Guid.NewGuid(), "ada@example.com", "Ada", null);
    private readonly DirectoryRepository _backend = new(Guid.NewGuid(), "backend");
    private Mock<IClock> _clock = null!;
    private DirectoryCache _cache = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new Mock<IClock>();
        _clock.SetupGet(c => c.UtcNow).Returns(Start);
        _cache = NewCache(Lifetime);
    }

    [Test]
    public void RememberedUser_IsFoundByIdAndByEmail()
    {
        _cache.Remember(_ada, _cache.ChangesSeen);

        Assert.Multiple(() =>
        {
            Assert.That(_cache.TryGetUser(_ada.Id, out var byId) ? byId : null, Is.EqualTo(_ada));
            Assert.That(_cache.TryGetUserByEmail("ada@example.com", out var byEmail) ? byEmail : null, Is.EqualTo(_ada));
        });
    }

    [Test]
    public void RememberedRepository_IsFoundByItsExactNameOnly()
    {
        _cache.Remember(_backend, _cache.ChangesSeen);

        Assert.Multiple(() =>
        {
            Assert.That(_cache.TryGetRepository("backend", out var found) ? found : null, Is.EqualTo(_backend));
            Assert.That(_cache.TryGetRepository("Backend", out _), Is.False, "another case goes to the database's rules");
        });
    }

    [Test]
    public void UserChanged_DropsTheUser_UnderEveryName()
    {
        _cache.Remember(_ada, _cache.ChangesSeen);

        _cache.OnChanged(DirectoryChange.UserChanged(Dto(_ada)));

        Assert.Multiple(() =>
        {
            Assert.That(_cache.TryGetUser(_ada.Id, out _), Is.False);
            Assert.That(_cache.TryGetUserByEmail(_ada.Email, out _), Is.False);
        });
    }

    [Test]
    public void UserChanged_KeepsOtherEntries()
    {
        _cache.Remember(_ada, _cache.ChangesSeen);
        _cache.Remember(_backend, _cache.ChangesSeen);
        var other = new DirectoryUser(Guid.NewGuid(), "max@example.com", null, null);

        _cache.OnChanged(DirectoryChange.UserChanged(Dto(other)));

        Assert.Multiple(() =>
        {
            Assert.That(_cache.TryGetUser(_ada.Id, out _), Is.True);
            Assert.That(_cache.TryGetRepository(_backend.Name, out _), Is.True);
        });
    }

    [Test]
    public void AChangedEmail_NoLongerFindsTheUserUnderTheOldOne()
    {
        _cache.Remember(_ada, _cache.ChangesSeen);
        _cache.OnChanged(DirectoryChange.UserChanged(Dto(_ada with { Email = "ada@new.example.com" })));
        var adaRenamed = _ada with { Email = "ada@new.example.com" };
        _cache.Remember(adaRenamed, _cache.ChangesSeen);

        Assert.Multiple(() =>
        {
            Assert.That(_cache.TryGetUserByEmail("ada@example.com", out _), Is.False, "the old email is no longer hers");
            Assert.That(_cache.TryGetUserByEmail("ada@new.example.com", out var found) ? found : null, Is.EqualTo(adaRenamed));
        });
    }

    [Test]
    public void ARead_ThatRacedAChange_IsNotRemembered()
    {
        var seenBeforeTheRead = _cache.ChangesSeen;
        _cache.OnChanged(DirectoryChange.UserChanged(Dto(_ada)));

        _cache.Remember(_ada, seenBeforeTheRead);

        Assert.That(_cache.TryGetUser(_ada.Id, out _), Is.False);
    }

    [Test]
    public void Entries_ExpireAfterTheLifetime_WithoutAnyEvent()
    {
        _cache.Remember(_ada, _cache.ChangesSeen);
        _cache.Remember(_backend, _cache.ChangesSeen);

        _clock.SetupGet(c => c.UtcNow).Returns(Start + Lifetime - TimeSpan.FromSeconds(1));
        Assert.That(_cache.TryGetUser(_ada.Id, out _), Is.True, "still fresh");

        _clock.SetupGet(c => c.UtcNow).Returns(Start + Lifetime);
        Assert.Multiple(() =>
        {
            Assert.That(_cache.TryGetUser(_ada.Id, out _), Is.False);
            Assert.That(_cache.TryGetUserByEmail(_ada.Email, out _), Is.False);
            Assert.That(_cache.TryGetRepository(_backend.Name, out _), Is.False);
        });
    }

    [Test]
    public void ChangesMissed_ForgetsEverything()
    {
        _cache.Remember(_ada, _cache.ChangesSeen);
        _cache.Remember(_backend, _cache.ChangesSeen);

        _cache.OnChangesMissed();

        Assert.Multiple(() =>
        {
            Assert.That(_cache.TryGetUser(_ada.Id, out _), Is.False);
            Assert.That(_cache.TryGetRepository(_backend.Name, out _), Is.False);
        });
    }

    [Test]
    public void ZeroLifetime_RemembersNothing()
    {
        var off = NewCache(TimeSpan.Zero);

        off.Remember(_ada, off.ChangesSeen);

        Assert.That(off.TryGetUser(_ada.Id, out _), Is.False);
    }

    [Test]
    public void Size_StaysWithinTheBound()
    {
        for (var i = 0; i <= DirectoryCache.MaxEntries; i++)
            _cache.Remember(new DirectoryRepository(Guid.NewGuid(), $"repo-{i}"), _cache.ChangesSeen);

        var kept = Enumerable.Range(0, DirectoryCache.MaxEntries + 1).Count(i => _cache.TryGetRepository($"repo-{i}", out _));
        Assert.That(kept, Is.InRange(1, DirectoryCache.MaxEntries));
    }

    private DirectoryCache NewCache(TimeSpan lifetime) =>
        new(_clock.Object, Options.Create(new DirectoryCacheOptions { Lifetime = lifetime }));

    private static UserDto Dto(DirectoryUser user) =>
        new(user.Id, user.Email, user.Name, null, user.DeactivatedAt is null, Start);
}
