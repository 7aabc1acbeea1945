using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace TaskManager.Bench;

/// <summary>
/// Fills an empty, migrated database with the benchmark data set through binary COPY (seconds, not minutes):
/// 1k users, 50 repositories, 100k tasks with history, comments and already-published outbox rows, shaped like
/// a busy team's list — most tasks belong to a fifth of the users, statuses and priorities are skewed.
/// </summary>
public sealed class Seeder(string connectionString, int taskCount)
{
    private static readonly string[] Statuses = ["not_started", "in_progress", "blocked", "completed", "cancelled"];
    private static readonly int[] StatusWeights = [35, 25, 5, 30, 5];
    private static readonly string[] Priorities = ["low", "medium", "high", "urgent"];
    private static readonly string[] Complexities = ["low", "medium", "high"];
    private static readonly string[] Words =
        "refactor cache retry timeout index query parser release login token migrate flaky test dashboard event stream queue worker budget latency memory deploy rollback schema review docs metrics alert config"
            .Split(' ');

    private readonly Random _random = new(42);
    private readonly DateTimeOffset _start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-365);

    public async Task RunAsync()
    {
        var watch = Stopwatch.StartNew();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var truncate = dataSource.CreateCommand(
            "TRUNCATE users, repositories, tasks, task_history, task_comments, outbox_messages, api_keys, idempotency_keys CASCADE"))
            await truncate.ExecuteNonQueryAsync();

        await using var connection = await dataSource.OpenConnectionAsync();
        await CopyUsersAsync(connection);
        await CopyRepositoriesAsync(connection);
        var tasks = MakeTasks();
        // Building the task indexes once after the load is several times faster than updating them row by row (the
        // trigram indexes above all); their definitions are read back from the catalogue, so they stay the migrations'.
        var indexes = await DropSecondaryIndexesAsync(connection, "tasks");
        await CopyTasksAsync(connection, tasks);
        await RecreateIndexesAsync(connection, indexes);
        var (history, comments) = await CopyHistoryAndCommentsAsync(connection, tasks);
        await CopyOutboxAsync(connection, tasks);
        await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection))
        {
            analyze.CommandTimeout = 600;
            await analyze.ExecuteNonQueryAsync();
        }
        Console.Error.WriteLine(
            $"seeded {BenchIds.Users} users, {BenchIds.Repositories} repositories, {tasks.Count} tasks, {history} history rows, {comments} comments, {tasks.Count} outbox rows in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task CopyUsersAsync(NpgsqlConnection connection)
    {
        await using var writer = await connection.BeginBinaryImportAsync("COPY users (id, email, name, github_username, created_at) FROM STDIN (FORMAT BINARY)");
        for (var n = 1; n <= BenchIds.Users; n++)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(BenchIds.User(n), NpgsqlDbType.Uuid);
            await writer.WriteAsync(BenchIds.UserEmail(n), NpgsqlDbType.Varchar);
            await writer.WriteAsync($"Bench User {n}", NpgsqlDbType.Varchar);
            await writer.WriteAsync($"bench-user-{n}", NpgsqlDbType.Varchar);
            await writer.WriteAsync(DateTimeOffset.UtcNow.AddDays(-400), NpgsqlDbType.TimestampTz);
        }
        await writer.CompleteAsync();
    }

    private static async Task CopyRepositoriesAsync(NpgsqlConnection connection)
    {
        await using var writer = await connection.BeginBinaryImportAsync("COPY repositories (id, name, url, created_at) FROM STDIN (FORMAT BINARY)");
        for (var n = 1; n <= BenchIds.Repositories; n++)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(BenchIds.Repository(n), NpgsqlDbType.Uuid);
            await writer.WriteAsync(BenchIds.RepositoryName(n), NpgsqlDbType.Varchar);
            await writer.WriteAsync($"https://example.com/bench/{BenchIds.RepositoryName(n)}", NpgsqlDbType.Varchar);
            await writer.WriteAsync(DateTimeOffset.UtcNow.AddDays(-400), NpgsqlDbType.TimestampTz);
        }
        await writer.CompleteAsync();
    }

    private List<SeedTask> MakeTasks()
    {
        var tasks = new List<SeedTask>(taskCount);
        var step = TimeSpan.FromDays(365).Ticks / taskCount;
        for (var n = 1; n <= taskCount; n++)
        {
            var roll = _random.Next(100);
            int? assignee = roll < 2 ? null
                : roll < 82 ? _random.Next(1, BenchIds.ActiveUsers + 1)
                : _random.Next(BenchIds.ActiveUsers + 1, BenchIds.WatcherUser);
            // Task n lives in repository n % 50 + 1, so the live repository's tasks are n = 50, 100, 150, …
            int? repository = n % 100 == 7 ? null : n % BenchIds.Repositories + 1;
            var createdAt = _start.AddTicks(step * n);
            var creator = _random.Next(1, BenchIds.Users + 1);
            tasks.Add(new SeedTask(
                n,
                n % SearchScenario.RareWordEvery == 0 ? Title() + " " + SearchScenario.RareWord : Title(),
                Description(),
                Pick(Statuses, StatusWeights),
                Priorities[_random.Next(10) switch { < 2 => 0, < 7 => 1, < 9 => 2, _ => 3 }],
                Complexities[_random.Next(3)],
                assignee,
                repository,
                BenchIds.UserEmail(creator),
                creator,
                createdAt,
                createdAt.AddMinutes(_random.Next(0, 60 * 24 * 7))));
        }
        return tasks;
    }

    private static async Task<List<string>> DropSecondaryIndexesAsync(NpgsqlConnection connection, string table)
    {
        const string sql = "SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname "
            + "JOIN pg_index x ON x.indexrelid = c.oid WHERE i.tablename = $1 AND NOT x.indisprimary AND NOT x.indisunique";
        var definitions = new List<(string Name, string Definition)>();
        await using var read = new NpgsqlCommand(sql, connection);
        read.Parameters.Add(new NpgsqlParameter { Value = table });
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                definitions.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in definitions)
        {
            await using var drop = new NpgsqlCommand($"DROP INDEX \"{name}\"", connection);
            await drop.ExecuteNonQueryAsync();
        }
        return definitions.Select(d => d.Definition).ToList();
    }

    private static async Task RecreateIndexesAsync(NpgsqlConnection connection, List<string> definitions)
    {
        foreach (var definition in definitions)
        {
            await using var create = new NpgsqlCommand(definition, connection) { CommandTimeout = 900 };
            await create.ExecuteNonQueryAsync();
        }
    }

    private static async Task CopyTasksAsync(NpgsqlConnection connection, List<SeedTask> tasks)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY tasks (id, title, description, status, priority, complexity, assignee_id, repository_id, created_by, updated_by, created_at, updated_at, version) FROM STDIN (FORMAT BINARY)");
        foreach (var t in tasks)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(BenchIds.Task(t.Number), NpgsqlDbType.Uuid);
            await writer.WriteAsync(t.Title, NpgsqlDbType.Varchar);
            await writer.WriteAsync(t.Description, NpgsqlDbType.Text);
            await writer.WriteAsync(t.Status, NpgsqlDbType.Varchar);
            await writer.WriteAsync(t.Priority, NpgsqlDbType.Varchar);
            await writer.WriteAsync(t.Complexity, NpgsqlDbType.Varchar);
            await WriteNullableAsync(writer, t.Assignee is { } a ? BenchIds.User(a) : (Guid?)null);
            await WriteNullableAsync(writer, t.Repository is { } r ? BenchIds.Repository(r) : (Guid?)null);
            await writer.WriteAsync(t.CreatedBy, NpgsqlDbType.Varchar);
            await writer.WriteAsync(t.CreatedBy, NpgsqlDbType.Varchar);
            await writer.WriteAsync(t.CreatedAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(t.UpdatedAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(t.Status == "not_started" ? 1 : 2, NpgsqlDbType.Integer);
        }
        await writer.CompleteAsync();
    }

    private async Task<(int History, int Comments)> CopyHistoryAndCommentsAsync(NpgsqlConnection connection, List<SeedTask> tasks)
    {
        var comments = new List<(SeedTask Task, string Text, int Author, DateTimeOffset At)>();
        var history = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY task_history (task_id, field_changed, old_value, new_value, changed_by, actor_user_id, comment, changed_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in tasks)
            {
                await HistoryRowAsync(writer, t, "created", null, t.Title, t.Creator, null, t.CreatedAt);
                history++;
                if (t.Status != "not_started")
                {
                    await HistoryRowAsync(writer, t, "status", "not_started", t.Status, t.Creator, null, t.UpdatedAt);
                    history++;
                }
                var commentCount = _random.Next(3);
                for (var c = 0; c < commentCount; c++)
                {
                    var author = _random.Next(1, BenchIds.Users + 1);
                    var text = Sentence(12);
                    var at = t.CreatedAt.AddMinutes(c + 1);
                    comments.Add((t, text, author, at));
                    await HistoryRowAsync(writer, t, "comment", null, null, author, text, at);
                    history++;
                }
            }
            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY task_comments (task_id, comment, author, author_user_id, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (task, text, author, at) in comments)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(BenchIds.Task(task.Number), NpgsqlDbType.Uuid);
                await writer.WriteAsync(text, NpgsqlDbType.Varchar);
                await writer.WriteAsync(BenchIds.UserEmail(author), NpgsqlDbType.Varchar);
                await writer.WriteAsync(BenchIds.User(author), NpgsqlDbType.Uuid);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        return (history, comments.Count);
    }

    private static async Task HistoryRowAsync(NpgsqlBinaryImporter writer, SeedTask task, string field, string? oldValue, string? newValue,
        int actor, string? comment, DateTimeOffset at)
    {
        await writer.StartRowAsync();
        await writer.WriteAsync(BenchIds.Task(task.Number), NpgsqlDbType.Uuid);
        await writer.WriteAsync(field, NpgsqlDbType.Varchar);
        await WriteNullableAsync(writer, oldValue);
        await WriteNullableAsync(writer, newValue);
        await writer.WriteAsync(BenchIds.UserEmail(actor), NpgsqlDbType.Varchar);
        await writer.WriteAsync(BenchIds.User(actor), NpgsqlDbType.Uuid);
        await WriteNullableAsync(writer, comment);
        await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
    }

    /// <summary>One published event per task, as the relay would have left them: the outbox table is not empty in production.</summary>
    private static async Task CopyOutboxAsync(NpgsqlConnection connection, List<SeedTask> tasks)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY outbox_messages (id, task_id, event_type, task_data, assignee_id, repository_name, occurred_at, published_at, attempts) FROM STDIN (FORMAT BINARY)");
        foreach (var t in tasks)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(Guid.CreateVersion7(t.UpdatedAt), NpgsqlDbType.Uuid);
            await writer.WriteAsync(BenchIds.Task(t.Number), NpgsqlDbType.Uuid);
            await writer.WriteAsync(t.Assignee is null ? "task_updated" : "task_assigned", NpgsqlDbType.Varchar);
            await writer.WriteAsync(TaskJson(t), NpgsqlDbType.Jsonb);
            await WriteNullableAsync(writer, t.Assignee is { } a ? BenchIds.User(a) : (Guid?)null);
            await WriteNullableAsync(writer, t.Repository is { } r ? BenchIds.RepositoryName(r) : null);
            await writer.WriteAsync(t.UpdatedAt, NpgsqlDbType.TimestampTz);
            // Published within the last ~14 hours, so the relay's retention clean-up (24 h by default) keeps them.
            await writer.WriteAsync(DateTimeOffset.UtcNow.AddSeconds(-(tasks.Count - t.Number) / 2.0), NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(1, NpgsqlDbType.Integer);
        }
        await writer.CompleteAsync();
    }

    private static string TaskJson(SeedTask t) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = BenchIds.Task(t.Number),
        ["title"] = t.Title,
        ["description"] = t.Description,
        ["status"] = t.Status,
        ["priority"] = t.Priority,
        ["complexity"] = t.Complexity,
        ["assignee"] = t.Assignee is { } a
            ? new Dictionary<string, object?> { ["id"] = BenchIds.User(a), ["email"] = BenchIds.UserEmail(a), ["name"] = $"Bench User {a}" }
            : null,
        ["repository"] = t.Repository is { } r ? BenchIds.RepositoryName(r) : null,
        ["created_by"] = t.CreatedBy,
        ["updated_by"] = t.CreatedBy,
        ["created_at"] = t.CreatedAt.UtcDateTime.ToString("O"),
        ["updated_at"] = t.UpdatedAt.UtcDateTime.ToString("O"),
        ["version"] = t.Status == "not_started" ? 1 : 2,
    });

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, Guid? value)
    {
        if (value is { } id)
            await writer.WriteAsync(id, NpgsqlDbType.Uuid);
        else
            await writer.WriteNullAsync();
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
            await writer.WriteNullAsync();
        else
            await writer.WriteAsync(value, NpgsqlDbType.Text);
    }

    private string Pick(string[] values, int[] weights)
    {
        var roll = _random.Next(weights.Sum());
        for (var i = 0; i < values.Length; i++)
        {
            if (roll < weights[i])
                return values[i];
            roll -= weights[i];
        }
        return values[^1];
    }

    private string Title()
    {
        var words = Sentence(5);
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>~300 characters, so a 50-row page is ~30 kB of JSON like a real one.</summary>
    private string Description() => Sentence(40);

    private string Sentence(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[_random.Next(Words.Length)]));
}
