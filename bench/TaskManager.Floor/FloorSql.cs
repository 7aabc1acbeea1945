namespace TaskManager.Floor;

/// <summary>
/// The floor's three statements. Each returns a task in the same columns (<see cref="TaskColumns"/>), so one writer
/// renders all three. Every value is a parameter: Npgsql prepares each statement once per connection.
/// </summary>
public static class FloorSql
{
    /// <summary>
    /// The task's columns as the list reads them: the SQL EF Core sends for the service's list (bench/TaskManager.Bench
    /// PgbenchScenario.Script, <c>u.id IS NULL</c> included) plus the two lease columns the service's list reads as well.
    /// </summary>
    private const string Columns = """
        t0.id, t0.title, t0.description, t0.status, t0.priority, t0.complexity, u.id IS NULL, u.id, u.email, u.name, r.name,
        t0.created_by, t0.updated_by, t0.created_at, t0.updated_at, t0.version, t0.lease_holder, t0.lease_expires_at
        """;

    /// <summary>$1 assignee, $2 status, $3 rows to read (the page's limit + 1: the extra row says whether a next page exists).</summary>
    public const string List = $"""
        SELECT {Columns}
        FROM (
            SELECT t.id, t.assignee_id, t.complexity, t.created_at, t.created_by, t.description, t.priority, t.repository_id, t.status, t.title,
                   t.updated_at, t.updated_by, t.version, t.lease_holder, t.lease_expires_at
            FROM tasks AS t
            WHERE t.deleted_at IS NULL AND t.assignee_id = $1 AND t.status = $2
            ORDER BY t.created_at DESC, t.id DESC
            LIMIT $3
        ) AS t0
        LEFT JOIN users AS u ON t0.assignee_id = u.id
        LEFT JOIN repositories AS r ON t0.repository_id = r.id
        ORDER BY t0.created_at DESC, t0.id DESC
        """;

    /// <summary>
    /// The outbox row's <c>task_data</c>, built by PostgreSQL from the row the statement wrote: the statement is the one
    /// round trip, so the server cannot render it before and store it after. (pgbench's scripts concatenate a constant
    /// text instead; this costs PostgreSQL a little more and the .NET side nothing.)
    /// </summary>
    private const string TaskData = """
        json_build_object('id', t0.id, 'title', t0.title, 'description', t0.description, 'status', t0.status, 'priority', t0.priority,
          'complexity', t0.complexity, 'assignee', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'email', u.email, 'name', u.name) END,
          'repository', r.name, 'created_by', t0.created_by, 'updated_by', t0.updated_by,
          'created_at', to_char(t0.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          'updated_at', to_char(t0.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          'version', t0.version, 'lease_holder', t0.lease_holder,
          'lease_expires_at', to_char(t0.lease_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text
        """;

    private const string Joined = "t0 LEFT JOIN users AS u ON t0.assignee_id = u.id LEFT JOIN repositories AS r ON t0.repository_id = r.id";

    /// <summary>
    /// The create as one statement (PgbenchWritesScenario <c>create_one_statement</c>, parameterised): task, history
    /// and outbox rows in one implicit transaction, one commit. $1 id, $2 title, $3 description, $4 status, $5 priority,
    /// $6 complexity, $7 assignee, $8 repository id, $9 the change's time, $10 the acting user, $11 event type, $12 event id.
    /// The outbox row is written as published (<c>published_at = now()</c>), as pgbench's are: the floor has no relay.
    /// </summary>
    public const string Create = $"""
        WITH t0 AS (
          INSERT INTO tasks (id, title, description, status, priority, complexity, assignee_id, repository_id, created_by, updated_by, created_at, updated_at, version)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'floor', 'floor', $9, $9, 1)
          RETURNING *),
        h AS (
          INSERT INTO task_history (id, task_id, field_changed, old_value, new_value, changed_by, actor_user_id, changed_at)
          SELECT gen_random_uuid(), t0.id, 'created', NULL, t0.title, 'floor', $10, $9 FROM t0),
        o AS (
          INSERT INTO outbox_messages (id, task_id, event_type, task_data, assignee_id, repository_name, occurred_at, published_at, attempts)
          SELECT $12, t0.id, $11, {TaskData}, t0.assignee_id, r.name, $9, now(), 0 FROM {Joined})
        SELECT {Columns} FROM {Joined}
        """;

    /// <summary>
    /// The status change as one statement (PgbenchWritesScenario <c>status_one_statement</c>, parameterised): $1 task,
    /// $2 status, $3 the change's time, $4 the acting user, $5 comment, $6 event type, $7 event id. No row: no such task.
    /// The history row's old value is not read (NULL), as in pgbench's: reading it would take a second scan of the row.
    /// </summary>
    public const string ChangeStatus = $"""
        WITH t0 AS (
          UPDATE tasks SET status = $2, updated_at = $3, updated_by = 'floor', version = version + 1
          WHERE id = $1 AND deleted_at IS NULL
          RETURNING *),
        h AS (
          INSERT INTO task_history (id, task_id, field_changed, old_value, new_value, changed_by, actor_user_id, comment, changed_at)
          SELECT gen_random_uuid(), t0.id, 'status', NULL, t0.status, 'floor', $4, $5, $3 FROM t0),
        o AS (
          INSERT INTO outbox_messages (id, task_id, event_type, task_data, assignee_id, repository_name, occurred_at, published_at, attempts)
          SELECT $7, t0.id, $6, {TaskData}, t0.assignee_id, r.name, $3, now(), 0 FROM {Joined})
        SELECT {Columns} FROM {Joined}
        """;

    /// <summary>What the floor loads once at start: repository names to ids (the create names one), and an acting user.</summary>
    public const string Repositories = "SELECT name, id FROM repositories";

    /// <summary>
    /// History rows need an acting user and the floor authenticates nobody: the oldest user acts for every write (in the
    /// benchmark's data set, bench-user-1, the administrator the SSE scenario writes as).
    /// </summary>
    public const string Actor = "SELECT id FROM users ORDER BY created_at, id LIMIT 1";
}

/// <summary>The ordinals of a task row in every statement's result.</summary>
public static class TaskColumns
{
    public const int Id = 0, Title = 1, Description = 2, Status = 3, Priority = 4, Complexity = 5, NoAssignee = 6, AssigneeId = 7,
        AssigneeEmail = 8, AssigneeName = 9, Repository = 10, CreatedBy = 11, UpdatedBy = 12, CreatedAt = 13, UpdatedAt = 14,
        Version = 15, LeaseHolder = 16, LeaseExpiresAt = 17;
}
