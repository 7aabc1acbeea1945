using TaskManager.Domain.Users;
using TaskManager.Domain.Users.Events;

namespace TaskManager.Domain.UnitTests.Entities;

public sealed class UserAccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Create_IsActive_AndRaisesNothing()
    {
        var user = User.Create("ada@example.com", null, null, Now);

        Assert.Multiple(() =>
        {
            Assert.That(user.IsActive, Is.True);
            Assert.That(user.DomainEvents, Is.Empty);
        });
    }

    [Test]
    public void Deactivate_RecordsWhen_AndRaisesUserAccessChanged()
    {
        var user = User.Create("ada@example.com", null, null, Now);

        user.Deactivate(Now.AddDays(1));

        Assert.Multiple(() =>
        {
            Assert.That(user.IsActive, Is.False);
            Assert.That(user.DeactivatedAt, Is.EqualTo(Now.AddDays(1)));
            Assert.That(user.DomainEvents.OfType<UserAccessChanged>().Single().User, Is.SameAs(user));
        });
    }

    [Test]
    public void Deactivate_WhenAlreadyInactive_KeepsTheFirstDate_AndRaisesNothingMore()
    {
        var user = User.Create("ada@example.com", null, null, Now);
        user.Deactivate(Now.AddDays(1));
        user.ClearDomainEvents();

        user.Deactivate(Now.AddDays(2));

        Assert.Multiple(() =>
        {
            Assert.That(user.DeactivatedAt, Is.EqualTo(Now.AddDays(1)));
            Assert.That(user.DomainEvents, Is.Empty);
        });
    }

    [Test]
    public void Reactivate_GivesAccessBack_AndRaisesUserAccessChanged()
    {
        var user = User.Create("ada@example.com", null, null, Now);
        user.Deactivate(Now.AddDays(1));
        user.ClearDomainEvents();

        user.Reactivate(Now.AddDays(2));

        Assert.Multiple(() =>
        {
            Assert.That(user.IsActive, Is.True);
            Assert.That(user.DeactivatedAt, Is.Null);
            Assert.That(user.DomainEvents.OfType<UserAccessChanged>().Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Reactivate_WhenActive_RaisesNothing()
    {
        var user = User.Create("ada@example.com", null, null, Now);

        user.Reactivate(Now);

        Assert.That(user.DomainEvents, Is.Empty);
    }
}
