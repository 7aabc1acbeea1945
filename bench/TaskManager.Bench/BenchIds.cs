using System.Globalization;

namespace TaskManager.Bench;

/// <summary>
/// Deterministic ids for the seeded data, so scenarios (and pgbench scripts) can name users, repositories and
/// tasks by number without reading them back: user 7 is 00000000-0000-4000-8000-000000000007.
/// </summary>
public static class BenchIds
{
    public const int Users = 1000;
    public const int Repositories = 50;

    /// <summary>80% of tasks go to the first 200 users, so their (assignee, status) pages are full 50-row pages.</summary>
    public const int ActiveUsers = 200;

    /// <summary>The last user owns no task: SSE subscribers sign in as them, so they receive repository events only.</summary>
    public const int WatcherUser = Users;

    /// <summary>Users whose tokens carry the admin role (the writes scenario creates tasks for anyone).</summary>
    public const int AdminUser = 1;

    public static Guid User(int n) => Make("8000", n);

    public static Guid Repository(int n) => Make("9000", n);

    public static Guid Task(int n) => Make("a000", n);

    public static string UserEmail(int n) => $"bench-user-{n}@example.com";

    public static string RepositoryName(int n) => $"bench-repo-{n:00}";

    /// <summary>The repository the SSE scenarios subscribe to and change tasks in.</summary>
    public static string LiveRepository => RepositoryName(1);

    private static Guid Make(string group, int n) =>
        Guid.Parse($"00000000-0000-4000-{group}-{n.ToString("x12", CultureInfo.InvariantCulture)}");
}
