using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Npgsql;
using NpgsqlTypes;

namespace TaskManager.Floor;

/// <summary>
/// The four endpoints the benchmark drives, each the least a .NET server must do for it: parse the request, run one
/// prepared statement, write the JSON. No authentication, no validation beyond what keeps the statement well-formed,
/// no EF Core, no Redis, no outbox relay, no logging: what the service costs above this is what those cost.
/// </summary>
public sealed class TaskEndpoints(NpgsqlDataSource database, IReadOnlyDictionary<string, Guid> repositories, Guid actor, EventBroadcaster events)
{
    private const string JsonContentType = "application/json; charset=utf-8";

    private long _eventSequence;

    /// <summary><c>GET /api/tasks?user_id=&amp;status=&amp;limit=</c>: one page, newest first, with the service's cursor.</summary>
    public async Task ListAsync(HttpContext http)
    {
        var query = http.Request.Query;
        if (!Guid.TryParse(query["user_id"], out var assignee) || query["status"].ToString() is not { Length: > 0 } status)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "validation_failed", "The floor lists by user_id (a UUID) and one status.");
            return;
        }
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) ? Math.Clamp(asked, 1, 500) : 100;

        await using var command = database.CreateCommand(FloorSql.List);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = assignee });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit + 1 });
        await using var row = await command.ExecuteReaderAsync(http.RequestAborted);

        http.Response.ContentType = JsonContentType;
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter, TaskJson.Options);
        json.WriteStartObject();
        json.WriteStartArray("items");
        var count = 0;
        var more = false;
        (DateTime CreatedAt, Guid Id) last = default;
        while (await row.ReadAsync(http.RequestAborted))
        {
            if (count == limit)
            {
                more = true;
                break;
            }
            TaskJson.Write(json, row);
            last = (row.GetFieldValue<DateTime>(TaskColumns.CreatedAt), row.GetGuid(TaskColumns.Id));
            count++;
        }
        json.WriteEndArray();
        if (more)
            json.WriteString("next_cursor", Cursor(last.CreatedAt, last.Id));
        else
            json.WriteNull("next_cursor");
        json.WriteEndObject();
    }

    /// <summary><c>POST /api/tasks</c>: task, history and outbox rows in one statement; 201 with the task; one event.</summary>
    public async Task CreateAsync(HttpContext http)
    {
        var body = await http.Request.ReadFromJsonAsync(FloorJson.Default.CreateTaskBody, http.RequestAborted);
        if (body is not { Title.Length: > 0 })
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "validation_failed", "A task needs a title.");
            return;
        }
        Guid? repository = null;
        if (body.Repository is { Length: > 0 } name)
        {
            if (!repositories.TryGetValue(name, out var id))
            {
                await ErrorAsync(http, StatusCodes.Status404NotFound, "not_found", $"No repository '{name}'.");
                return;
            }
            repository = id;
        }
        var eventType = body.AssigneeId is null ? EventTypes.Updated : EventTypes.Assigned;
        var eventId = Guid.NewGuid();
        var at = DateTime.UtcNow; // the event's timestamp: taken just before the statement, as the service takes it before its commit

        await using var command = database.CreateCommand(FloorSql.Create);
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = body.Title });
        parameters.Add(Nullable(NpgsqlDbType.Text, body.Description));
        parameters.Add(new NpgsqlParameter<string> { TypedValue = body.Status ?? "not_started" });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = body.Priority ?? "medium" });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = body.Complexity ?? "medium" });
        parameters.Add(Nullable(NpgsqlDbType.Uuid, body.AssigneeId));
        parameters.Add(Nullable(NpgsqlDbType.Uuid, repository));
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = at });
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = actor });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = eventType });
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = eventId });
        await RespondWithEventAsync(http, command, StatusCodes.Status201Created, eventType, at, eventId);
    }

    /// <summary><c>PUT /api/tasks/{id}/status</c>: the change, its history and outbox rows in one statement; 200 with the task; one event.</summary>
    public async Task ChangeStatusAsync(HttpContext http)
    {
        var body = await http.Request.ReadFromJsonAsync(FloorJson.Default.StatusBody, http.RequestAborted);
        if (!Guid.TryParse(http.Request.RouteValues["id"] as string, out var task) || body is not { Status.Length: > 0 })
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "validation_failed", "Send a task id in the path and a status in the body.");
            return;
        }
        var eventType = body.Status == "completed" ? EventTypes.Completed : EventTypes.Updated;
        var eventId = Guid.NewGuid();
        var at = DateTime.UtcNow;

        await using var command = database.CreateCommand(FloorSql.ChangeStatus);
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = task });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = body.Status });
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = at });
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = actor });
        parameters.Add(Nullable(NpgsqlDbType.Text, body.Comment));
        parameters.Add(new NpgsqlParameter<string> { TypedValue = eventType });
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = eventId });
        await RespondWithEventAsync(http, command, StatusCodes.Status200OK, eventType, at, eventId);
    }

    /// <summary><c>GET /api/tasks/stream</c>: every event to every subscriber; the query (token, repositories) is not read.</summary>
    public async Task StreamAsync(HttpContext http)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await events.SubscribeAsync(http);
    }

    /// <summary>
    /// Runs a write, renders its task once into the event's frame, publishes the frame and answers with the task's part
    /// of the same bytes: the response and every subscriber's copy come from one serialisation.
    /// </summary>
    private async Task RespondWithEventAsync(HttpContext http, NpgsqlCommand command, int status, string eventType, DateTime at, Guid eventId)
    {
        byte[] frame;
        Range task;
        Guid id;
        int version;
        await using (var row = await command.ExecuteReaderAsync(http.RequestAborted))
        {
            if (!await row.ReadAsync(http.RequestAborted))
            {
                await ErrorAsync(http, StatusCodes.Status404NotFound, "not_found", "No such task.");
                return;
            }
            id = row.GetGuid(TaskColumns.Id);
            version = row.GetInt32(TaskColumns.Version);
            (frame, task) = EventFrame(row, Interlocked.Increment(ref _eventSequence), eventType, at, eventId);
        }
        events.Publish(frame);

        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = JsonContentType;
        response.Headers.ETag = $"\"{version}\"";
        if (status == StatusCodes.Status201Created)
            response.Headers.Location = $"/api/tasks/{id}";
        response.ContentLength = task.GetOffsetAndLength(frame.Length).Length;
        await response.BodyWriter.WriteAsync(frame.AsMemory(task), http.RequestAborted);
    }

    /// <summary>
    /// <c>id: n</c> and <c>data: {"type","task_id","task","timestamp","event_id"}</c>, the service's frame; returns it and
    /// where the task object lies in it.
    /// </summary>
    private static (byte[] Frame, Range Task) EventFrame(NpgsqlDataReader row, long sequence, string eventType, DateTime at, Guid eventId)
    {
        var buffer = new ArrayBufferWriter<byte>(1536);
        buffer.Write("id: "u8);
        Utf8Formatter.TryFormat(sequence, buffer.GetSpan(20), out var written);
        buffer.Advance(written);
        buffer.Write("\ndata: "u8);
        int start, end;
        using (var json = new Utf8JsonWriter(buffer, TaskJson.Options))
        {
            json.WriteStartObject();
            json.WriteString("type", eventType);
            json.WriteString("task_id", row.GetGuid(TaskColumns.Id));
            json.WritePropertyName("task");
            json.Flush();
            start = buffer.WrittenCount;
            TaskJson.Write(json, row);
            json.Flush();
            end = buffer.WrittenCount;
            TaskJson.WriteTimestamp(json, "timestamp", at);
            json.WriteString("event_id", eventId);
            json.WriteEndObject();
        }
        buffer.Write("\n\n"u8);
        return (buffer.WrittenSpan.ToArray(), start..end);
    }

    /// <summary>The service's cursor for the newest-first order: base64url of <c>1|created_at|ticks|id</c> (Application's Cursor).</summary>
    private static string Cursor(DateTime createdAt, Guid id) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"1|created_at|{createdAt.Ticks}|{id:N}")));

    private static NpgsqlParameter Nullable(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };

    private static Task ErrorAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = JsonContentType;
        return http.Response.WriteAsync(JsonSerializer.Serialize(new ErrorBody(new ErrorDetail(code, message)), FloorJson.Default.ErrorBody));
    }
}

/// <summary>The contract's event types (src/Application/Contract/TaskEvents.cs) the floor's writes produce.</summary>
public static class EventTypes
{
    public const string Assigned = "task_assigned";
    public const string Updated = "task_updated";
    public const string Completed = "task_completed";
}
