using TaskManager.Domain.Common;
using TaskManager.Domain.Users;
using TaskManager.Domain.Users.Events;

namespace TaskManager.Domain.UnitTests.Entities;

public sealed class UserDetailsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void ChangeEmail_StoresItNormalised_AndRaisesUserDetailsChanged()
    {
        var user = User.Create("ada@example.com", null, null, Now);

        user.ChangeEmail("  Ada@New.Example.com ", Now);

        Assert.Multiple(() =>
        {
            Assert.That(user.Email, Is.EqualTo("ada@new.example.com"));
            Assert.That(user.DomainEvents.OfType<UserDetailsChanged>().Single().User, Is.SameAs(user));
        });
    }

    [Test]
    public void ChangeEmail_ToTheSameAddressInAnotherCase_RaisesNothing()
    {
        var user = User.Create("ada@example.com", null, null, Now);

        user.ChangeEmail("ADA@example.com", Now);

        Assert.That(user.DomainEvents, Is.Empty);
    }

    [Test]
    public void ChangeEmail_ToSomethingNotAnAddress_IsRefusedNamingEmail()
    {
        var user = User.Create("ada@example.com", null, null, Now);

        var refusal = Assert.Throws<DomainException>(() => user.ChangeEmail("ada", Now));

        Assert.Multiple(() =>
        {
            Assert.That(refusal.Field, Is.EqualTo("email"));
            Assert.That(user.Email, Is.EqualTo("ada@example.com"));
        });
    }

    [Test]
    public void Rename_ChangesTheName_AndABlankOneRemovesIt()
    {
        var user = User.Create("ada@example.com", "Ada", null, Now);

        user.Rename(" Ada Lovelace ", Now);
        var renamed = user.Name;
        user.Rename(" ", Now);

        Assert.Multiple(() =>
        {
            Assert.That(renamed, Is.EqualTo("Ada Lovelace"));
            Assert.That(user.Name, Is.Null);
            Assert.That(user.DomainEvents.OfType<UserDetailsChanged>().Count(), Is.EqualTo(2));
        });
    }

    [Test]
    public void Rename_ToTheSameName_RaisesNothing()
    {
        var user = User.Create("ada@example.com", "Ada", null, Now);

        user.Rename("Ada", Now);

        Assert.That(user.DomainEvents, Is.Empty);
    }
}
