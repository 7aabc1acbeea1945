using System.Globalization;

namespace TaskManager.Bench;

/// <summary>
/// The floor under scenario 2: the create and status-change transactions on our schema driven straight at PostgreSQL
/// by pgbench (prepared, 8 clients, fixed rate), twice each: as the service issues them (its look-ups, then the task,
/// history and outbox rows in one transaction: one commit) and as one statement (data-modifying CTEs, one round
/// trip). The rows are shaped like the service's (a ~300-character description, the outbox row's ~700-byte task JSON);
/// the outbox rows are written as published already, so the server's relay leaves them alone and the figures are the
/// transaction's alone.
/// </summary>
public static class PgbenchWritesScenario
{
    private const string UserId = "('00000000-0000-4000-8000-' || lpad(to_hex(:u::int), 12, '0'))::uuid";
    private const string TaskId = "('00000000-0000-4000-a000-' || lpad(to_hex(:t::int), 12, '0'))::uuid";
    private const string NewTaskId = "('00000000-0000-4000-b000-' || lpad(to_hex(:n::bigint), 12, '0'))::uuid";
    private const string Description = "Created by pgbench to measure the write path: task row, history row and outbox row in one transaction, then the relay publishes the event to Redis. Padding to a realistic size for a description that a person or an agent would write.";
    private const string TaskJson = "'{\"id\":\"' || :n || '\",\"title\":\"Bench task\",\"description\":\"" + Description + "\",\"status\":\"not_started\",\"priority\":\"high\",\"complexity\":\"medium\",\"assignee\":{\"id\":\"' || :u || '\",\"email\":\"bench-user@example.com\",\"name\":\"Bench User\"},\"repository\":\"bench-repo\",\"created_by\":\"bench\",\"updated_by\":\"bench\",\"version\":1}'";

    private static string Variables(bool create) => (create
        ? "\\set u random(1, " + (BenchIds.Users - 1) + ")\n\\set r random(1, " + BenchIds.Repositories + ")\n\\set n random(1, 281474976710655)\n"
        : "\\set u random(1, " + (BenchIds.Users - 1) + ")\n\\set t random(1, 100000)\n\\set n random(1, 281474976710655)\n");

    public static readonly (string Name, string Script)[] Scripts =
    [
        ("create_as_service", Variables(create: true) + $"""
            SELECT id, email, name, github_username, created_at FROM users WHERE id = {UserId} LIMIT 1;
            SELECT id, name, url, created_at FROM repositories WHERE name = 'bench-repo-' || lpad(:r::text, 2, '0') LIMIT 1;
            BEGIN;
            INSERT INTO tasks (id, title, description, status, priority, complexity, assignee_id, repository_id, created_by, updated_by, created_at, updated_at, version)
              VALUES ({NewTaskId}, 'Bench task', '{Description}', 'not_started', 'high', 'medium', {UserId}, ('00000000-0000-4000-9000-' || lpad(to_hex(:r::int), 12, '0'))::uuid, 'bench', 'bench', now(), now(), 1);
            INSERT INTO task_history (id, task_id, field_changed, old_value, new_value, changed_by, actor_user_id, changed_at)
              VALUES (gen_random_uuid(), {NewTaskId}, 'created', NULL, 'Bench task', 'bench', {UserId}, now());
            INSERT INTO outbox_messages (id, task_id, event_type, task_data, assignee_id, repository_name, occurred_at, published_at, attempts)
              VALUES (gen_random_uuid(), {NewTaskId}, 'task_created', {TaskJson}, {UserId}, 'bench-repo', now(), now(), 0);
            COMMIT;

            """),
        ("create_one_statement", Variables(create: true) + $"""
            WITH t AS (
              INSERT INTO tasks (id, title, description, status, priority, complexity, assignee_id, repository_id, created_by, updated_by, created_at, updated_at, version)
              SELECT {NewTaskId}, 'Bench task', '{Description}', 'not_started', 'high', 'medium', u.id, r.id, 'bench', 'bench', now(), now(), 1
              FROM users u, repositories r WHERE u.id = {UserId} AND r.name = 'bench-repo-' || lpad(:r::text, 2, '0')
              RETURNING id, assignee_id),
            h AS (
              INSERT INTO task_history (id, task_id, field_changed, old_value, new_value, changed_by, actor_user_id, changed_at)
              SELECT gen_random_uuid(), t.id, 'created', NULL, 'Bench task', 'bench', t.assignee_id, now() FROM t)
            INSERT INTO outbox_messages (id, task_id, event_type, task_data, assignee_id, repository_name, occurred_at, published_at, attempts)
              SELECT gen_random_uuid(), t.id, 'task_created', {TaskJson}, t.assignee_id, 'bench-repo', now(), now(), 0 FROM t;

            """),
        ("status_as_service", Variables(create: false) + $"""
            BEGIN;
            SELECT t.*, u.*, r.* FROM tasks t LEFT JOIN users u ON t.assignee_id = u.id LEFT JOIN repositories r ON t.repository_id = r.id
              WHERE t.id = {TaskId} AND t.deleted_at IS NULL LIMIT 1;
            UPDATE tasks SET status = CASE WHEN status = 'blocked' THEN 'in_progress' ELSE 'blocked' END, updated_at = now(), updated_by = 'bench', version = version + 1
              WHERE id = {TaskId};
            INSERT INTO task_history (id, task_id, field_changed, old_value, new_value, changed_by, actor_user_id, comment, changed_at)
              VALUES (gen_random_uuid(), {TaskId}, 'status', 'in_progress', 'blocked', 'bench', {UserId}, 'bench', now());
            INSERT INTO outbox_messages (id, task_id, event_type, task_data, assignee_id, repository_name, occurred_at, published_at, attempts)
              VALUES (gen_random_uuid(), {TaskId}, 'task_updated', {TaskJson}, {UserId}, 'bench-repo', now(), now(), 0);
            COMMIT;

            """),
        ("status_one_statement", Variables(create: false) + $"""
            WITH t AS (
              UPDATE tasks SET status = CASE WHEN status = 'blocked' THEN 'in_progress' ELSE 'blocked' END, updated_at = now(), updated_by = 'bench', version = version + 1
              WHERE id = {TaskId} AND deleted_at IS NULL
              RETURNING id, assignee_id, status),
            h AS (
              INSERT INTO task_history (id, task_id, field_changed, old_value, new_value, changed_by, actor_user_id, comment, changed_at)
              SELECT gen_random_uuid(), t.id, 'status', NULL, t.status, 'bench', {UserId}, 'bench', now() FROM t)
            INSERT INTO outbox_messages (id, task_id, event_type, task_data, assignee_id, repository_name, occurred_at, published_at, attempts)
              SELECT gen_random_uuid(), t.id, 'task_updated', {TaskJson}, t.assignee_id, 'bench-repo', now(), now(), 0 FROM t;

            """),
    ];

    public static async Task RunAsync(BenchContext context)
    {
        var rates = context.Args.Ints("rates", "1000");
        var clients = context.Args.Int("clients", 8);
        var work = Path.Combine(context.Results, "pgbench-writes");
        Directory.CreateDirectory(work);
        var connection = new[]
        {
            "-h", context.Args.Text("pg-host", "127.0.0.1"), "-p", context.Args.Text("pg-port", "5432"),
            "-U", context.Args.Text("pg-user", "taskmanager"), context.Args.Text("pg-db", "taskmanager"),
        };
        var common = new[] { "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2" };

        var report = new ScenarioReport("pgbench-writes");
        report.Line("#### Bare SQL floor: the write transactions through pgbench");
        report.Line();
        report.Line($"`pgbench {string.Join(' ', common)} -f <script> -R <rate> -T <s>` — each script as the service issues it "
            + "(look-ups, then task + history + outbox rows in one transaction) and as one statement (data-modifying CTEs). "
            + "The scripts are in the results folder; `create_one_statement.sql`:");
        report.Line();
        report.Line("```sql");
        report.Line(Scripts[1].Script.TrimEnd());
        report.Line("```");
        report.Line();
        report.Line(LoadResult.TableHeader);
        foreach (var (name, script) in Scripts)
        {
            var file = Path.Combine(work, $"{name}.sql");
            await File.WriteAllTextAsync(file, script);
            foreach (var rate in rates)
            {
                var result = await PgbenchScenario.MeasureAsync(context, $"{name} @ {rate}/s", [.. common, "-f", file], connection, rate, work);
                report.Line(result.TableRow());
                result.AddTo(report, $"{name}_{rate}");
            }
        }
        report.Line();
        report.Line("Here the generator is pgbench (its CPU is in the generator column).");
        report.Line();
        await report.SaveAsync(context.Results);
    }
}
