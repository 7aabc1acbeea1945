using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Users;

namespace TaskManager.Infrastructure.Persistence.Configurations;

internal sealed class TaskItemConfiguration : IEntityTypeConfiguration<TaskItem>
{
    /// <summary>Every list reads live tasks only, so the list indexes leave deleted ones out.</summary>
    private const string Live = "deleted_at IS NULL";

    public void Configure(EntityTypeBuilder<TaskItem> builder)
    {
        builder.ToTable("tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever().HasDefaultValueSql("gen_random_uuid()");
        builder.Property(t => t.Title).HasMaxLength(TaskItem.TitleMaxLength).IsRequired();
        builder.Property(t => t.Description);
        builder.Property(t => t.Status).HasMaxLength(50).HasConversion(new EnumColumn<TaskItemStatus>(TaskEnums.Status))
            .HasDefaultValueSql("'not_started'").ValueGeneratedNever();
        builder.Property(t => t.Priority).HasMaxLength(20).HasConversion(new EnumColumn<TaskPriority>(TaskEnums.Priority))
            .HasDefaultValueSql("'medium'").ValueGeneratedNever();
        builder.Property(t => t.Complexity).HasMaxLength(20).HasConversion(new EnumColumn<TaskComplexity>(TaskEnums.Complexity))
            .HasDefaultValueSql("'medium'").ValueGeneratedNever();
        builder.Property(t => t.CreatedBy).HasMaxLength(TaskItem.LabelMaxLength).IsRequired();
        builder.Property(t => t.UpdatedBy).HasMaxLength(TaskItem.LabelMaxLength).IsRequired();
        builder.Property(t => t.CreatedAt).HasDefaultValueSql("now()").ValueGeneratedNever();
        builder.Property(t => t.UpdatedAt).HasDefaultValueSql("now()").ValueGeneratedNever();
        builder.Property(t => t.Version).IsConcurrencyToken().HasDefaultValue(1).ValueGeneratedNever();
        // The trigger of migration CommitOrderedSync owns the value: EF neither writes it nor reads it back after a save.
        builder.Property(t => t.ChangeSeq).ValueGeneratedNever().Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        builder.Property(t => t.ChangeSeq).Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        builder.Property(t => t.LeaseHolder).HasMaxLength(TaskItem.LabelMaxLength);
        builder.Ignore(t => t.IsDeleted);
        builder.Ignore(t => t.IsOpen);
        builder.Ignore(t => t.DomainEvents);

        builder.HasOne(t => t.Assignee).WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(t => t.Repository).WithMany().HasForeignKey(t => t.RepositoryId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(t => t.Comments).WithOne().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.History).WithOne().HasForeignKey(h => h.TaskId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(t => t.Comments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(t => t.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.LeaseHolderId).OnDelete(DeleteBehavior.SetNull);
        // Restrict, as for history actors: people are deactivated, never deleted, and a lost creator would make a
        // task deletable by administrators only.
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.BlockedBy).WithOne().HasForeignKey(d => d.TaskId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(t => t.BlockedBy).UsePropertyAccessMode(PropertyAccessMode.Field);

        // Each list filter has a composite index ending in the list order, so a page is an index range scan.
        builder.HasIndex(t => new { t.AssigneeId, t.CreatedAt, t.Id }).HasDatabaseName("idx_tasks_assignee").IsDescending(false, true, true).HasFilter(Live);
        builder.HasIndex(t => new { t.AssigneeId, t.Status, t.CreatedAt, t.Id }).HasDatabaseName("idx_tasks_assignee_status")
            .IsDescending(false, false, true, true).HasFilter(Live);
        builder.HasIndex(t => new { t.RepositoryId, t.CreatedAt, t.Id }).HasDatabaseName("idx_tasks_repository").IsDescending(false, true, true).HasFilter(Live);
        builder.HasIndex(t => new { t.Status, t.CreatedAt, t.Id }).HasDatabaseName("idx_tasks_status").IsDescending(false, true, true).HasFilter(Live);
        builder.HasIndex(t => new { t.CreatedAt, t.Id }).HasDatabaseName("idx_tasks_created").IsDescending(true, true).HasFilter(Live);
        builder.HasIndex(t => new { t.UpdatedAt, t.Id }).HasDatabaseName("idx_tasks_updated");
        // Sync and sort=updated_at walk in commit order; deleted tasks stay in it because sync reports them as tombstones.
        builder.HasIndex(t => new { t.ChangeSeq, t.Id }).HasDatabaseName("idx_tasks_change");
        // The tombstone purge's scan: only deleted tasks are in it.
        builder.HasIndex(t => t.DeletedAt).HasDatabaseName("idx_tasks_deleted").HasFilter("deleted_at IS NOT NULL");
        // The expiry sweep's scan: only leased tasks are in it, so it stays as small as the work in progress.
        builder.HasIndex(t => t.LeaseExpiresAt).HasDatabaseName("idx_tasks_lease_expires").HasFilter("lease_expires_at IS NOT NULL");
    }
}
