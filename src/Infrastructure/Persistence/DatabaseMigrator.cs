using Microsoft.EntityFrameworkCore;

namespace TaskManager.Infrastructure.Persistence;

/// <summary>Brings the schema up to date with the EF migrations (the <c>migrate</c> verb); idempotent.</summary>
public sealed class DatabaseMigrator(ApplicationDbContext db)
{
    public Task MigrateAsync(CancellationToken ct) => db.Database.MigrateAsync(ct);
}
