using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskManager.Domain.ApiKeys;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Users;

namespace TaskManager.Infrastructure.Persistence.Configurations;

internal sealed class TaskHistoryEntryConfiguration : IEntityTypeConfiguration<TaskHistoryEntry>
{
    public void Configure(EntityTypeBuilder<TaskHistoryEntry> builder)
    {
        builder.ToTable("task_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever().HasDefaultValueSql("gen_random_uuid()");
        builder.Property(h => h.FieldChanged).HasMaxLength(100).IsRequired();
        builder.Property(h => h.ChangedBy).HasMaxLength(TaskItem.LabelMaxLength).IsRequired();
        builder.Property(h => h.ActorApiKeyName).HasMaxLength(ApiKey.NameMaxLength);
        builder.Property(h => h.ChangedAt).HasDefaultValueSql("now()").ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(h => h.ActorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => new { h.TaskId, h.ChangedAt, h.Id });
    }
}
