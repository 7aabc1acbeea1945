using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskManager.Domain.ApiKeys;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Users;

namespace TaskManager.Infrastructure.Persistence.Configurations;

internal sealed class TaskCommentConfiguration : IEntityTypeConfiguration<TaskComment>
{
    public void Configure(EntityTypeBuilder<TaskComment> builder)
    {
        builder.ToTable("task_comments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever().HasDefaultValueSql("gen_random_uuid()");
        builder.Property(c => c.Comment).HasMaxLength(TaskComment.MaxLength).IsRequired();
        builder.Property(c => c.Author).HasMaxLength(TaskItem.LabelMaxLength).IsRequired();
        builder.Property(c => c.AuthorApiKeyName).HasMaxLength(ApiKey.NameMaxLength);
        builder.Property(c => c.CreatedAt).HasDefaultValueSql("now()").ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.AuthorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.TaskId, c.CreatedAt });
    }
}
