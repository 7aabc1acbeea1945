using Moq;
using TaskManager.Application.Common.Behaviours;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Repositories;
using TaskManager.Application.Repositories.Commands.CreateRepository;
using TaskManager.Application.Users;
using TaskManager.Application.Users.Commands.CreateUser;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.AddComment;
using TaskManager.Application.Users.Queries.GetUsers;
using TaskManager.Domain.ApiKeys;

namespace TaskManager.Application.UnitTests.Behaviours;

public sealed class AuthorizationBehaviourTests
{
    private static readonly UserDto User = new(Guid.NewGuid(), "ada@example.com", "Ada", null, true, DateTimeOffset.UnixEpoch);

    [Test]
    public void AdminOnlyCommand_FromAMember_IsForbiddenBeforeTheHandlerRuns()
    {
        var behaviour = new AuthorizationBehaviour<CreateUserCommand, UserDto>(Caller(isAdmin: false));
        var called = false;

        var error = Assert.ThrowsAsync<ForbiddenException>(async () => await behaviour.Handle(
            new CreateUserCommand("ada@example.com", null, null),
            (_, _) =>
            {
                called = true;
                return ValueTask.FromResult(User);
            },
            CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(called, Is.False);
            Assert.That(error!.Message, Is.EqualTo("Only administrators can do this."));
        });
    }

    [Test]
    public void AdminOnlyRepositoryCommand_FromAMember_IsForbidden()
    {
        var behaviour = new AuthorizationBehaviour<CreateRepositoryCommand, RepositoryDto>(Caller(isAdmin: false));

        Assert.ThrowsAsync<ForbiddenException>(async () => await behaviour.Handle(
            new CreateRepositoryCommand("repo", null), (_, _) => ValueTask.FromResult<RepositoryDto>(null!), CancellationToken.None));
    }

    [Test]
    public async Task AdminOnlyCommand_FromAnAdmin_RunsTheHandler()
    {
        var behaviour = new AuthorizationBehaviour<CreateUserCommand, UserDto>(Caller(isAdmin: true));

        var result = await behaviour.Handle(new CreateUserCommand("ada@example.com", null, null), (_, _) => ValueTask.FromResult(User), CancellationToken.None);

        Assert.That(result, Is.SameAs(User));
    }

    [Test]
    public async Task OrdinaryQuery_FromAMember_RunsTheHandler_AskingOnlyForTheReadScope()
    {
        var caller = new Mock<ICurrentActor>(MockBehavior.Strict);
        caller.Setup(c => c.HasScope(ApiKeyScopes.Read)).Returns(true);
        var behaviour = new AuthorizationBehaviour<GetUsersQuery, Page<UserDto>>(caller.Object);
        var page = new Page<UserDto>([User], null);

        var result = await behaviour.Handle(new GetUsersQuery(), (_, _) => ValueTask.FromResult(page), CancellationToken.None);

        Assert.That(result, Is.SameAs(page));
        caller.Verify(c => c.HasScope(ApiKeyScopes.Read), Times.Once);
        caller.VerifyNoOtherCalls();
    }

    [Test]
    public void Command_FromAKeyWithoutTheWriteScope_IsForbiddenNamingTheScope_BeforeTheHandlerRuns()
    {
        var behaviour = new AuthorizationBehaviour<AddCommentCommand, CommentDto>(Caller(isAdmin: false, scopes: [ApiKeyScopes.Read]));
        var called = false;

        var error = Assert.ThrowsAsync<ForbiddenException>(async () => await behaviour.Handle(
            new AddCommentCommand(Guid.NewGuid(), "hi"),
            (_, _) =>
            {
                called = true;
                return ValueTask.FromResult<CommentDto>(null!);
            },
            CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(called, Is.False);
            Assert.That(error!.Message, Does.StartWith("This key lacks the `write` scope."));
        });
    }

    [Test]
    public void Query_FromAKeyWithoutTheReadScope_IsForbiddenNamingTheScope()
    {
        var behaviour = new AuthorizationBehaviour<GetUsersQuery, Page<UserDto>>(Caller(isAdmin: false, scopes: [ApiKeyScopes.Write]));

        var error = Assert.ThrowsAsync<ForbiddenException>(async () => await behaviour.Handle(
            new GetUsersQuery(), (_, _) => ValueTask.FromResult<Page<UserDto>>(null!), CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("This key lacks the `read` scope."));
    }

    [Test]
    public async Task Command_FromAKeyWithTheWriteScope_RunsTheHandler()
    {
        var behaviour = new AuthorizationBehaviour<AddCommentCommand, CommentDto>(Caller(isAdmin: false, scopes: [ApiKeyScopes.Write]));
        var called = false;

        await behaviour.Handle(new AddCommentCommand(Guid.NewGuid(), "hi"), (_, _) =>
        {
            called = true;
            return ValueTask.FromResult<CommentDto>(null!);
        }, CancellationToken.None);

        Assert.That(called, Is.True);
    }

    /// <param name="scopes">What the caller's key may do; null: every scope (a person signed in).</param>
    private static ICurrentActor Caller(bool isAdmin, string[]? scopes = null)
    {
        var caller = new Mock<ICurrentActor>();
        caller.SetupGet(c => c.IsAdmin).Returns(isAdmin);
        caller.SetupGet(c => c.UserId).Returns(Guid.NewGuid());
        caller.SetupGet(c => c.Email).Returns("max@example.com");
        caller.Setup(c => c.HasScope(It.IsAny<string>())).Returns<string>(scope => scopes is null || scopes.Contains(scope));
        return caller.Object;
    }
}
