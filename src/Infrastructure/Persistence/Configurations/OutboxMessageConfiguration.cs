using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskManager.Application.Common.Events;

namespace TaskManager.Infrastructure.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Sequence).UseIdentityAlwaysColumn();
        builder.Property(m => m.EventType).HasMaxLength(50).IsRequired();
        // text, not jsonb: jsonb would reorder the keys, and the stored text is what Redis and SSE carry.
        builder.Property(m => m.TaskData).HasColumnType("text").IsRequired();
        builder.Property(m => m.RepositoryName).HasMaxLength(255);
        builder.Property(m => m.PreviousRepositoryName).HasMaxLength(255);
        // For an operator looking at a stuck outbox; only the relay's SQL writes them and no code reads them.
        builder.Property<int>("Attempts");
        builder.Property<string?>("LastError").HasMaxLength(1000);
        // The relay's work queue: unpublished rows in commit order, small because rows leave it once sent.
        builder.HasIndex(m => m.Sequence).HasDatabaseName("idx_outbox_unpublished").HasFilter("published_at IS NULL");
        builder.HasIndex(m => m.PublishedAt).HasDatabaseName("idx_outbox_published").HasFilter("published_at IS NOT NULL");
    }
}
