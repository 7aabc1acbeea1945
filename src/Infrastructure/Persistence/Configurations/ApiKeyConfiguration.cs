using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskManager.Domain.ApiKeys;
using TaskManager.Domain.Users;

namespace TaskManager.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Ignore(k => k.DomainEvents);
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength).IsRequired();
        builder.Property(k => k.Digest).IsRequired();
        builder.HasIndex(k => k.Digest).IsUnique();
        builder.Property(k => k.Prefix).HasMaxLength(16).IsRequired();
        builder.Ignore(k => k.IsRevoked);
        // Keys made before scopes existed acted fully; the default keeps them doing so.
        builder.Property(k => k.Scopes).HasColumnType("text[]").HasDefaultValueSql("'{read,write}'::text[]").IsRequired();
        // An array rather than a link table: the key is read whole on every call, and a repository is never deleted.
        builder.Property(k => k.RepositoryIds).HasColumnType("uuid[]");
        builder.HasOne<User>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => k.UserId);
        // The record of who minted a key must not stop that person's removal; the key then says "unknown".
        builder.HasOne<User>().WithMany().HasForeignKey(k => k.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(k => k.CreatedByUserId);
    }
}
