using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TaskManager.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef</c> build the model without the web host (no database is contacted to add a migration).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ApplicationDbContext>
{
    public ApplicationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ApplicationDbContext>()
            .UseNpgsql(Environment.GetEnvironmentVariable("DATABASE_URL") is { } url ? DatabaseUrl.Parse(url).ConnectionString : "Host=localhost")
            .UseSnakeCaseNamingConvention()
            .Options);
}
