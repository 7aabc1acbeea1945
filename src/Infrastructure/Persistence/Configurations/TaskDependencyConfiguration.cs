using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskManager.Domain.Tasks;

namespace TaskManager.Infrastructure.Persistence.Configurations;

internal sealed class TaskDependencyConfiguration : IEntityTypeConfiguration<TaskDependency>
{
    public void Configure(EntityTypeBuilder<TaskDependency> builder)
    {
        builder.ToTable("task_dependencies", t => t.HasCheckConstraint("ck_task_dependencies_not_self", "task_id <> blocked_by_id"));
        builder.HasKey(d => new { d.TaskId, d.BlockedById });
        builder.Property(d => d.CreatedAt).HasDefaultValueSql("now()").ValueGeneratedNever();
        // Tasks are soft-deleted, so these never cascade; the key's first column serves "what blocks X", this index
        // "what does X block" (the dependants told when X is finished).
        builder.HasOne<TaskItem>().WithMany().HasForeignKey(d => d.BlockedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.BlockedById).HasDatabaseName("idx_task_dependencies_blocked_by");
    }
}
