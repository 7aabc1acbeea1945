using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Access;

/// <summary>
/// Each instance remembers the users and repositories it resolved (DIRECTORY_CACHE_SECONDS). Both instances here
/// remember for an hour, so an instance that stops finding someone under an old name can only have heard it through
/// the <c>user_changed</c> event, and one that finds something new can only have asked the database.
/// </summary>
public sealed class DirectoryCacheTests : IntegrationTestBase
{
    private HttpClient _secondAdmin = null!;

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?> { ["DIRECTORY_CACHE_SECONDS"] = "3600" };

    [SetUp]
    public void SignInOnTheSecondInstance() => _secondAdmin = ClientFor(Second, Admin, admin: true);

    [TearDown]
    public void SignOutOfTheSecondInstance() => _secondAdmin.Dispose();

    [Test]
    public async Task NewUser_CanBeGivenATaskAtOnce_OnTheOtherInstance_ThoughItWasJustAskedForInVain()
    {
        await (await CreateTaskAsync(_secondAdmin, "grace@example.com")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");

        var grace = await CreateUserAsync("grace@example.com", "Grace Hopper");
        var task = await ReadCreatedAsync(await CreateTaskAsync(_secondAdmin, "grace@example.com"));

        Assert.Multiple(() =>
        {
            Assert.That(task.GetProperty("assignee").GetProperty("id").GetGuid(), Is.EqualTo(grace));
            Assert.That(task.GetProperty("assignee").GetProperty("name").GetString(), Is.EqualTo("Grace Hopper"));
        });
    }

    [Test]
    public async Task NewRepository_CanBeUsedAtOnce_OnTheOtherInstance_ThoughItWasJustAskedForInVain()
    {
        await (await CreateTaskAsync(_secondAdmin, repository: "compiler")).AssertErrorAsync(HttpStatusCode.NotFound, "not_found");

        await AddRepositoryAsync("compiler");
        var task = await ReadCreatedAsync(await CreateTaskAsync(_secondAdmin, repository: "compiler"));

        Assert.That(task.GetProperty("repository").GetString(), Is.EqualTo("compiler"));
        Assert.That((await _secondAdmin.GetAsync("/api/tasks?repository=compiler")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task CachedAssigneeAndRepository_StillAppearInFullOnTheCreatedTask()
    {
        await AddRepositoryAsync("backend");
        await ReadCreatedAsync(await CreateTaskAsync(AdminClient, Member.Email, "backend"));

        var task = await ReadCreatedAsync(await CreateTaskAsync(AdminClient, Member.Email, "backend"));

        Assert.Multiple(() =>
        {
            Assert.That(task.GetProperty("assignee").GetProperty("id").GetGuid(), Is.EqualTo(Member.Id));
            Assert.That(task.GetProperty("assignee").GetProperty("email").GetString(), Is.EqualTo(Member.Email));
            Assert.That(task.GetProperty("assignee").GetProperty("name").GetString(), Is.EqualTo(Member.Name));
            Assert.That(task.GetProperty("repository").GetString(), Is.EqualTo("backend"));
        });
        var stored = await ReadJsonAsync(await AdminClient.GetAsync($"/api/tasks/{task.Id()}"));
        Assert.That(stored.GetProperty("assignee").GetProperty("email").GetString(), Is.EqualTo(Member.Email));
    }

    [Test]
    public async Task ChangedEmail_IsRefusedUnderTheOldOne_AndFoundUnderTheNewOne_OnBothInstances()
    {
        var grace = await CreateUserAsync("grace@example.com", "Grace Hopper");
        foreach (var admin in new[] { AdminClient, _secondAdmin })
            await ReadCreatedAsync(await CreateTaskAsync(admin, "grace@example.com")); // both instances now remember her

        var patched = await PatchUserAsync(grace, new { email = "grace.hopper@example.com", name = "Rear Admiral Hopper" });

        Assert.That(patched.GetProperty("email").GetString(), Is.EqualTo("grace.hopper@example.com"));
        // The instance that made the change forgets the old email before it answers; the other when the event arrives.
        await AssertOldEmailRefusedAsync(await CreateTaskAsync(AdminClient, "grace@example.com"));
        await AssertOldEmailRefusedAsync(await EventuallyAsync(() => CreateTaskAsync(_secondAdmin, "grace@example.com"),
            r => r.StatusCode == HttpStatusCode.NotFound));
        foreach (var admin in new[] { AdminClient, _secondAdmin })
        {
            var task = await ReadCreatedAsync(await CreateTaskAsync(admin, "grace.hopper@example.com"));
            Assert.That(task.GetProperty("assignee").GetProperty("name").GetString(), Is.EqualTo("Rear Admiral Hopper"));
            Assert.That((await admin.GetAsync("/api/tasks?assignee=grace@example.com")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task ChangedName_AppearsOnNewTasks_OnBothInstances()
    {
        foreach (var admin in new[] { AdminClient, _secondAdmin })
            await ReadCreatedAsync(await CreateTaskAsync(admin, Member.Email));

        await PatchUserAsync(Member.Id, new { name = "Max Mustermann" });

        Assert.That(await AssigneeNameAsync(await CreateTaskAsync(AdminClient, Member.Email)), Is.EqualTo("Max Mustermann"));
        var onSecond = await EventuallyAsync(async () => await AssigneeNameAsync(await CreateTaskAsync(_secondAdmin, Member.Email)),
            name => name == "Max Mustermann");
        Assert.That(onSecond, Is.EqualTo("Max Mustermann"));
    }

    [Test]
    public async Task Deactivation_RefusesNewTasksForThePerson_OnBothInstances_ThoughBothRememberedThem()
    {
        await AddRepositoryAsync("backend");
        foreach (var admin in new[] { AdminClient, _secondAdmin })
            await ReadCreatedAsync(await CreateTaskAsync(admin, Member.Email, "backend"));

        await PatchUserAsync(Member.Id, new { active = false });

        await (await CreateTaskAsync(AdminClient, Member.Email, "backend")).AssertValidationErrorAsync("assignee_id");
        var onSecond = await EventuallyAsync(() => CreateTaskAsync(_secondAdmin, Member.Email, "backend"),
            r => r.StatusCode == HttpStatusCode.BadRequest);
        await onSecond.AssertValidationErrorAsync("assignee_id");
    }

    [Test]
    public async Task ChangeNoEventReports_IsServedFromMemory_UntilTheEntryExpires()
    {
        await using var shortMemory = new TaskManagerFactory((await DatabaseAsync()).ConnectionString,
            new Dictionary<string, string?> { ["DIRECTORY_CACHE_SECONDS"] = "1" });
        using var shortMemoryAdmin = ClientFor(shortMemory, Admin, admin: true);
        foreach (var admin in new[] { AdminClient, shortMemoryAdmin })
            await ReadCreatedAsync(await CreateTaskAsync(admin, Member.Email));

        await ChangeEmailBehindTheServicesBackAsync(Member.Id, "max@elsewhere.example.com");

        await ReadCreatedAsync(await CreateTaskAsync(AdminClient, Member.Email)); // an hour's memory: no look-up, the old email still resolves
        var expired = await EventuallyAsync(() => CreateTaskAsync(shortMemoryAdmin, Member.Email), r => r.StatusCode == HttpStatusCode.NotFound);
        await expired.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task PatchedEmail_TakenByAnotherUser_IsAConflict_AndChangesNothing()
    {
        var response = await AdminClient.PatchAsJsonAsync($"/api/users/{Member.Id}", new { email = "ADMIN@example.com", name = "Taken" }, Json);

        var error = await response.AssertErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("admin@example.com"));
        Assert.That(await AssigneeNameAsync(await CreateTaskAsync(AdminClient, Member.Email)), Is.EqualTo(Member.Name));
    }

    [TestCase("not-an-address", TestName = "PatchedEmail_NotAnAddress_IsRefusedNamingEmail")]
    [TestCase("", TestName = "PatchedEmail_Empty_IsRefusedNamingEmail")]
    public async Task PatchedEmail_Invalid_IsRefusedNamingEmail(string email)
    {
        var response = await AdminClient.PatchAsJsonAsync($"/api/users/{Member.Id}", new { email }, Json);

        await response.AssertValidationErrorAsync("email");
        await ReadCreatedAsync(await CreateTaskAsync(AdminClient, Member.Email));
    }

    [Test]
    public async Task PatchedUser_ByAMember_IsForbidden()
    {
        var response = await MemberClient.PatchAsJsonAsync($"/api/users/{Member.Id}", new { email = "max@new.example.com" }, Json);

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private async Task<Guid> CreateUserAsync(string email, string name)
    {
        var response = await AdminClient.PostAsJsonAsync("/api/users", new { email, name }, Json);
        return (await ReadCreatedAsync(response)).GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> PatchUserAsync(Guid id, object body)
    {
        var response = await AdminClient.PatchAsJsonAsync($"/api/users/{id}", body, Json);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }

    private async Task ChangeEmailBehindTheServicesBackAsync(Guid id, string email)
    {
        await using var connection = new NpgsqlConnection((await DatabaseAsync()).ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE users SET email = $1 WHERE id = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));
    }

    private static Task<HttpResponseMessage> CreateTaskAsync(HttpClient client, string? assignee = null, string? repository = null) =>
        client.PostAsJsonAsync("/api/tasks", new { title = "Directory check", assignee_id = assignee, repository }, Json);

    private static async Task<JsonElement> ReadCreatedAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }

    private static async Task<string?> AssigneeNameAsync(HttpResponseMessage response) =>
        (await ReadCreatedAsync(response)).GetProperty("assignee").GetProperty("name").GetString();

    private static async Task AssertOldEmailRefusedAsync(HttpResponseMessage response)
    {
        var error = await response.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        Assert.That(error.GetProperty("details").GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()),
            Does.Contain("grace.hopper@example.com"), "the 404 points at the new email");
    }
}
