using TaskManager.Application.Repositories.Commands.CreateRepository;
using TaskManager.Application.Repositories.Queries.GetRepositories;
using TaskManager.Application.Users.Commands.CreateUser;
using TaskManager.Application.Users.Queries.GetUsers;
using static TaskManager.Application.UnitTests.Validation.ValidationAssertions;

namespace TaskManager.Application.UnitTests.Validation;

public sealed class DirectoryValidatorTests
{
    [Test]
    public void CreateUser_WithEmailNameAndGithub_Passes() => AssertValid(new CreateUserCommand("ada@example.com", "Ada", "ada"));

    [TestCase(null)]
    [TestCase("")]
    public void CreateUser_WithoutEmail_FailsOnEmail(string? email) =>
        Assert.That(AssertInvalid(new CreateUserCommand(email, null, null), "email"), Does.Contain("An email is required."));

    [TestCase("ada")]
    [TestCase("ada@")]
    public void CreateUser_WithMalformedEmail_ExplainsTheFormat(string email) =>
        Assert.That(AssertInvalid(new CreateUserCommand(email, null, null), "email"), Does.Contain("Email must be an address such as ada@example.com."));

    [Test]
    public void CreateUser_WithTooLongEmail_FailsOnEmail() =>
        AssertInvalid(new CreateUserCommand(new string('a', 250) + "@example.com", null, null), "email");

    [Test]
    public void CreateUser_WithTooLongGithubName_FailsOnSnakeCaseField() =>
        AssertInvalid(new CreateUserCommand("ada@example.com", null, new string('g', 256)), "github_username");

    [Test]
    public void CreateUser_WithControlCharactersInName_FailsOnName() =>
        AssertInvalid(new CreateUserCommand("ada@example.com", "Ada\u0000", null), "name");

    [TestCase("auth-service")]
    [TestCase("org/repo.name_2")]
    public void CreateRepository_WithAValidName_Passes(string name) => AssertValid(new CreateRepositoryCommand(name, "https://github.com/org/repo"));

    [TestCase(null)]
    [TestCase("")]
    public void CreateRepository_WithoutName_FailsOnName(string? name) =>
        Assert.That(AssertInvalid(new CreateRepositoryCommand(name, null), "name"), Does.Contain("A repository needs a name."));

    [TestCase("auth service")]
    [TestCase("auth|service")]
    [TestCase("ümlaut")]
    public void CreateRepository_WithCharactersOutsideTheSet_SaysWhichAreAllowed(string name) =>
        Assert.That(AssertInvalid(new CreateRepositoryCommand(name, null), "name"),
            Does.Contain("A repository name may contain letters, digits, '.', '_', '-' and '/' only."));

    [TestCase("ssh://git@example.com/repo.git")]
    [TestCase("git://example.com/repo.git")]
    [TestCase("http://example.com/repo")]
    public void CreateRepository_WithAnAcceptedUrlScheme_Passes(string url) => AssertValid(new CreateRepositoryCommand("repo", url));

    [TestCase("ftp://example.com/repo")]
    [TestCase("example.com/repo")]
    [TestCase("javascript:alert(1)")]
    public void CreateRepository_WithAnotherUrl_FailsOnUrl(string url) =>
        Assert.That(AssertInvalid(new CreateRepositoryCommand("repo", url), "url"), Does.Contain("url must be an absolute http(s), ssh or git URL."));

    [TestCase(0)]
    [TestCase(501)]
    public void DirectoryLists_WithLimitOutOfRange_FailOnLimit(int limit)
    {
        AssertInvalid(new GetUsersQuery(limit), "limit");
        AssertInvalid(new GetRepositoriesQuery(limit), "limit");
    }

    [Test]
    public void DirectoryLists_WithoutLimit_Pass()
    {
        AssertValid(new GetUsersQuery());
        AssertValid(new GetRepositoriesQuery(500));
    }
}
