using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskManager.Domain.Repositories;

namespace TaskManager.Infrastructure.Persistence.Configurations;

internal sealed class CodeRepositoryConfiguration : IEntityTypeConfiguration<CodeRepository>
{
    public void Configure(EntityTypeBuilder<CodeRepository> builder)
    {
        builder.ToTable("repositories");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever().HasDefaultValueSql("gen_random_uuid()");
        builder.Property(r => r.Name).HasMaxLength(CodeRepository.NameMaxLength).IsRequired();
        builder.HasIndex(r => r.Name).IsUnique();
        builder.Property(r => r.Url).HasMaxLength(CodeRepository.UrlMaxLength);
        builder.Property(r => r.CreatedAt).HasDefaultValueSql("now()");
    }
}
