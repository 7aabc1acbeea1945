using System.Reflection;
using TaskManager.Application.Repositories;
using TaskManager.Application.Tasks;
using TaskManager.Application.Users;
using TaskManager.Domain.Common;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Users;

namespace TaskManager.Application.UnitTests.Mapping;

public sealed class MappingProfileTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Configuration_IsValid() => ApplicationServices.Mapper.ConfigurationProvider.AssertConfigurationIsValid();

    [Test]
    public void User_MapsToUserDto()
    {
        var user = User.Create("Ada@Example.com", "Ada", "ada-l", Now);

        var dto = ApplicationServices.Mapper.Map<UserDto>(user);

        Assert.That(dto, Is.EqualTo(new UserDto(user.Id, "ada@example.com", "Ada", "ada-l", true, Now)));
    }

    [Test]
    public void Repository_MapsToRepositoryDto()
    {
        var repository = CodeRepository.Create("auth-service", "https://example.com/auth", Now);

        var dto = ApplicationServices.Mapper.Map<RepositoryDto>(repository);

        Assert.That(dto, Is.EqualTo(new RepositoryDto(repository.Id, "auth-service", "https://example.com/auth", Now)));
    }

    [Test]
    public void CommentAndHistory_MapWithTheActorsKey()
    {
        var actor = new Actor(Guid.NewGuid(), "claude", "laptop-key");
        var task = TaskItem.Create("t", null, TaskItemStatus.NotStarted, TaskPriority.Low, TaskComplexity.Low, null, null, actor, Now);
        var comment = task.AddComment("hello", actor, Now);

        var commentDto = ApplicationServices.Mapper.Map<CommentDto>(comment);
        var historyDto = ApplicationServices.Mapper.Map<HistoryEntryDto>(task.History[^1]);

        Assert.Multiple(() =>
        {
            Assert.That(commentDto, Is.EqualTo(new CommentDto(comment.Id, task.Id, "hello", "claude", new ActorDto(actor.UserId, "laptop-key"), Now)));
            Assert.That(historyDto.FieldChanged, Is.EqualTo("comment"));
            Assert.That(historyDto.ChangedBy, Is.EqualTo("claude"));
            Assert.That(historyDto.Actor, Is.EqualTo(new ActorDto(actor.UserId, "laptop-key")));
            Assert.That(historyDto.Comment, Is.EqualTo("hello"));
        });
    }

    [Test]
    public void TaskProjection_FillsEveryDtoProperty_WithWireEnumNames()
    {
        var assignee = User.Create("max@example.com", "Max", null, Now);
        var repository = CodeRepository.Create("billing", null, Now);
        var task = TaskItem.Create("Rotate keys", "d", TaskItemStatus.NotStarted, TaskPriority.Urgent, TaskComplexity.High,
            assignee, repository, new Actor(Guid.NewGuid(), "ada@example.com"), Now);
        // Claimed, so that the lease fields have values too.
        task.Claim(assignee, [], new Actor(assignee.Id, "max@example.com"), TimeSpan.FromMinutes(30), Now);

        var dto = TaskDtoProjection.Map(task);

        Assert.Multiple(() =>
        {
            Assert.That(dto.Status, Is.EqualTo("in_progress"));
            Assert.That(dto.Priority, Is.EqualTo("urgent"));
            Assert.That(dto.Complexity, Is.EqualTo("high"));
            Assert.That(dto.Assignee, Is.EqualTo(new UserSummaryDto(assignee.Id, "max@example.com", "Max")));
            Assert.That(dto.Repository, Is.EqualTo("billing"));
            Assert.That(dto.Version, Is.EqualTo(1));
            // A property added to TaskDto but forgotten in the projection would stay at its default.
            foreach (var property in typeof(TaskDto).GetProperties(BindingFlags.Public | BindingFlags.Instance))
                Assert.That(property.GetValue(dto), Is.Not.Null, property.Name);
        });
    }
}
