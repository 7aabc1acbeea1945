using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.FunctionalTests.Support;
using TaskManager.Application.Repositories.Commands.CreateRepository;
using TaskManager.Application.Repositories.Queries.GetRepositories;
using TaskManager.Application.Users.Commands.CreateUser;
using TaskManager.Application.Users.Queries.GetUsers;

namespace TaskManager.Application.FunctionalTests.Directory;

public sealed class DirectoryTests : FunctionalTestBase
{
    [Test]
    public async Task CreateUser_AsAdmin_StoresANormalizedEmail()
    {
        var user = await SendAsync(new CreateUserCommand(" Eve@Example.COM ", "Eve", "eve"), actor: Ada, admin: true);

        Assert.Multiple(async () =>
        {
            Assert.That(user.Email, Is.EqualTo("eve@example.com"));
            Assert.That(await CountAsync(db => db.Users), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task CreateUser_AsMember_IsForbidden_AndStoresNothing()
    {
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new CreateUserCommand("eve@example.com", null, null), actor: Max));
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new CreateRepositoryCommand("billing", null), actor: Max));

        Assert.Multiple(async () =>
        {
            Assert.That(await CountAsync(db => db.Users), Is.EqualTo(2));
            Assert.That(await CountAsync(db => db.Repositories), Is.Zero);
        });
    }

    [Test]
    public void CreateUser_WithAnExistingEmailInAnyCase_IsAConflict()
    {
        var conflict = Assert.ThrowsAsync<ConflictException>(() => SendAsync(new CreateUserCommand("MAX@example.com", null, null), actor: Ada, admin: true));

        Assert.That(conflict!.Details["email"], Is.EqualTo("max@example.com"));
    }

    [Test]
    public async Task CreateRepository_Twice_IsAConflict()
    {
        await SendAsync(new CreateRepositoryCommand("billing", "https://example.com/billing"), actor: Ada, admin: true);

        Assert.ThrowsAsync<ConflictException>(() => SendAsync(new CreateRepositoryCommand("billing", null), actor: Ada, admin: true));
    }

    [Test]
    public async Task ConcurrentCreatesOfOneRepository_MakeOneAndConflictTheRest()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            try
            {
                await SendAsync(new CreateRepositoryCommand("billing", null), actor: Ada, admin: true);
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        }));

        Assert.Multiple(async () =>
        {
            Assert.That(outcomes.Count(o => o), Is.EqualTo(1));
            Assert.That(await CountAsync(db => db.Repositories), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Users_WalkInEmailOrder_EvenWithAwkwardEmails()
    {
        await AddUserAsync("odd|pipe@example.com");
        await AddUserAsync(new string('l', 240) + "@example.com");
        await AddUserAsync("zed@example.com");

        var emails = new List<string>();
        string? cursor = null;
        do
        {
            var page = await SendAsync(new GetUsersQuery(Limit: 1, Cursor: cursor));
            emails.AddRange(page.Items.Select(u => u.Email));
            cursor = page.NextCursor;
        }
        while (cursor is not null && emails.Count < 10);

        Assert.That(emails, Has.Count.EqualTo(5));
        Assert.That(emails.Distinct().Count(), Is.EqualTo(5));
    }

    [Test]
    public async Task Repositories_WalkInNameOrder()
    {
        foreach (var name in new[] { "c-repo", "a-repo", "b-repo" })
            await AddRepositoryAsync(name);

        var first = await SendAsync(new GetRepositoriesQuery(Limit: 2));
        var second = await SendAsync(new GetRepositoriesQuery(Limit: 2, Cursor: first.NextCursor));

        Assert.Multiple(() =>
        {
            Assert.That(first.Items.Select(r => r.Name), Is.EqualTo(new[] { "a-repo", "b-repo" }));
            Assert.That(second.Items.Select(r => r.Name), Is.EqualTo(new[] { "c-repo" }));
            Assert.That(second.NextCursor, Is.Null);
        });
    }
}
