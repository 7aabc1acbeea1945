using System.Text;
using System.Text.Json;

namespace TaskManager.Api.IntegrationTests.Production;

/// <summary>The table of hostile REST requests; every endpoint appears, with every family of bad input that fits it.</summary>
public static class HostileInputCases
{
    public static readonly string[] Sql =
    [
        "' OR '1'='1", "'; DROP TABLE tasks; --", "1; DELETE FROM tasks", "\" OR \"\"=\"", "admin'--",
        "1' UNION SELECT email FROM users--", "%' OR 1=1 --", "$$; TRUNCATE users; $$",
    ];

    public static readonly string[] Html =
    [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(1)>", "javascript:alert(1)",
    ];

    public static readonly string[] Control = ["\u0000", "a\u0000b", "\u0007\u001b[31mred", "\u0008\u007f"];

    /// <summary>The endpoints that take a JSON body, each with a valid body and a field that must be a string.</summary>
    private static readonly (string Name, string Method, string Path, string Valid, string Field, string Caller)[] BodyEndpoints =
    [
        ("create-task", "POST", "/api/tasks", """{"title":"x"}""", "title", "member"),
        ("change-status", "PUT", "/api/tasks/{task}/status", """{"status":"in_progress"}""", "status", "member"),
        ("patch-task", "PATCH", "/api/tasks/{task}", """{"title":"x"}""", "title", "member"),
        ("add-comment", "POST", "/api/tasks/{task}/comments", """{"comment":"x"}""", "comment", "member"),
        ("create-user", "POST", "/api/users", """{"email":"new@example.com"}""", "email", "admin"),
        ("create-repository", "POST", "/api/repositories", """{"name":"new-repo"}""", "name", "admin"),
    ];

    private static readonly (string Name, string Method, string Path)[] AllEndpoints =
    [
        ("list-tasks", "GET", "/api/tasks"),
        ("get-task", "GET", "/api/tasks/{task}"),
        ("create-task", "POST", "/api/tasks"),
        ("change-status", "PUT", "/api/tasks/{task}/status"),
        ("patch-task", "PATCH", "/api/tasks/{task}"),
        ("delete-task", "DELETE", "/api/tasks/{task}"),
        ("list-comments", "GET", "/api/tasks/{task}/comments"),
        ("add-comment", "POST", "/api/tasks/{task}/comments"),
        ("history", "GET", "/api/tasks/{task}/history"),
        ("list-users", "GET", "/api/users"),
        ("create-user", "POST", "/api/users"),
        ("list-repositories", "GET", "/api/repositories"),
        ("create-repository", "POST", "/api/repositories"),
    ];

    public static IEnumerable<HostileRequest> All()
    {
        foreach (var (name, method, path, valid, field, caller) in BodyEndpoints)
        {
            // Not JSON, or not the JSON the endpoint takes.
            yield return new($"{name}: empty body", method, path, "", Expect: 400, Caller: caller);
            yield return new($"{name}: truncated JSON", method, path, "{", Expect: 400, Caller: caller);
            yield return new($"{name}: JSON null", method, path, "null", Expect: 400, Caller: caller);
            yield return new($"{name}: array instead of object", method, path, "[]", Expect: 400, Caller: caller);
            yield return new($"{name}: string instead of object", method, path, "\"hello\"", Expect: 400, Caller: caller);
            yield return new($"{name}: number instead of object", method, path, "42", Expect: 400, Caller: caller);
            yield return new($"{name}: trailing comma", method, path, valid[..^1] + ",}", Expect: 400, Caller: caller);
            yield return new($"{name}: comment in JSON", method, path, "/* hi */" + valid, Expect: 400, Caller: caller);
            yield return new($"{name}: single quotes", method, path, valid.Replace('"', '\''), Expect: 400, Caller: caller);
            yield return new($"{name}: 200 levels deep", method, path, $"{{\"{field}\":{new string('[', 200)}{new string(']', 200)}}}", Expect: 400, Caller: caller);
            yield return new($"{name}: invalid UTF-8", method, path, null, Expect: 400, Caller: caller,
                RawBody: [.. Encoding.UTF8.GetBytes($"{{\"{field}\":\""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")]);
            yield return new($"{name}: lone surrogate escape", method, path, $"{{\"{field}\":\"\\ud800\"}}", Caller: caller);
            // Wrong types for a string field.
            yield return new($"{name}: {field} is a number", method, path, $"{{\"{field}\":12345}}", Expect: 400, Caller: caller);
            yield return new($"{name}: {field} is a boolean", method, path, $"{{\"{field}\":true}}", Expect: 400, Caller: caller);
            yield return new($"{name}: {field} is an object", method, path, $"{{\"{field}\":{{\"$ne\":null}}}}", Expect: 400, Caller: caller);
            yield return new($"{name}: {field} is an array", method, path, $"{{\"{field}\":[\"a\",\"b\"]}}", Expect: 400, Caller: caller);
            // Control characters where text is stored.
            yield return new($"{name}: NUL in {field}", method, path, Json(field, "bad\u0000value"), Expect: 400, Caller: caller);
            // Size.
            yield return new($"{name}: 2 MiB body", method, path, Json(field, new string('x', 2 * 1024 * 1024)), Expect: 413, Caller: caller);
            yield return new($"{name}: 100k-character {field}", method, path, Json(field, new string('y', 100_000)), Expect: 400, Caller: caller);
            // Content types.
            yield return new($"{name}: text/plain", method, path, valid, ContentType: "text/plain", Expect: 415, Caller: caller);
            yield return new($"{name}: form encoded", method, path, $"{field}=x", ContentType: "application/x-www-form-urlencoded", Expect: 415, Caller: caller);
            yield return new($"{name}: XML", method, path, $"<{field}>x</{field}>", ContentType: "application/xml", Expect: 415, Caller: caller);
            yield return new($"{name}: no content type", method, path, valid, ContentType: null, Expect: 415, Caller: caller);
            yield return new($"{name}: multipart", method, path, "--b\r\n\r\nx\r\n--b--", ContentType: "multipart/form-data; boundary=b", Expect: 415, Caller: caller);
            // Fields the endpoint does not take: refused, never silently dropped.
            yield return new($"{name}: unknown field", method, path, valid[..^1] + ",\"unknown_field\":\"x\"}", Expect: 400, Caller: caller);
            yield return new($"{name}: read-only id", method, path, valid[..^1] + $",\"id\":\"{Guid.NewGuid()}\"}}", Expect: 400, Caller: caller);
            yield return new($"{name}: misspelt {field}", method, path, $"{{\"{field}s\":\"x\"}}", Expect: 400, Caller: caller);
        }

        // Injection and markup where the value must be one of a set: refused, never stored, never a SQL error.
        foreach (var (value, i) in Sql.Concat(Html).Select((v, i) => (v, i)))
        {
            yield return new($"create-task: priority injection #{i}", "POST", "/api/tasks", Json("title", "ok", "priority", value), Expect: 400);
            yield return new($"change-status: status injection #{i}", "PUT", "/api/tasks/{task}/status", Json("status", value), Expect: 400);
            yield return new($"list-tasks: status filter injection #{i}", "GET", $"/api/tasks?status={Uri.EscapeDataString(value)}", Expect: 400);
            yield return new($"list-tasks: search injection #{i}", "GET", $"/api/tasks?q={Uri.EscapeDataString(value)}", SuccessAllowed: true);
            yield return new($"list-tasks: repository filter injection #{i}", "GET", $"/api/tasks?repository={Uri.EscapeDataString(value)}", Expect: 404);
            yield return new($"create-repository: name injection #{i}", "POST", "/api/repositories", Json("name", value), Expect: 400, Caller: "admin");
        }
        foreach (var (value, i) in Sql.Take(4).Select((v, i) => (v, i)))
        {
            yield return new($"create-task: assignee injection #{i}", "POST", "/api/tasks", Json("title", "ok", "assignee_id", value), Expect: 404);
            yield return new($"patch-task: repository injection #{i}", "PATCH", "/api/tasks/{task}", Json("repository", value), Expect: 404);
            yield return new($"create-user: email injection #{i}", "POST", "/api/users", Json("email", value), Expect: 400, Caller: "admin");
            yield return new($"list-tasks: assignee filter injection #{i}", "GET", $"/api/tasks?assignee={Uri.EscapeDataString(value)}", Expect: 404);
        }
        foreach (var (value, i) in Control.Select((v, i) => (v, i)))
        {
            yield return new($"create-task: control characters in title #{i}", "POST", "/api/tasks", Json("title", value), Expect: 400);
            yield return new($"change-status: control characters in comment #{i}", "PUT", "/api/tasks/{task}/status", Json("status", "blocked", "comment", value), Expect: 400);
            yield return new($"add-comment: control characters #{i}", "POST", "/api/tasks/{task}/comments", Json("comment", value), Expect: 400);
            yield return new($"patch-task: control characters in description #{i}", "PATCH", "/api/tasks/{task}", Json("description", value), Expect: 400);
            yield return new($"create-user: control characters in name #{i}", "POST", "/api/users", Json("email", "ctl@example.com", "name", value), Expect: 400, Caller: "admin");
            yield return new($"list-tasks: control characters in search #{i}", "GET", $"/api/tasks?q={Uri.EscapeDataString(value)}", Expect: 400);
            yield return new($"list-tasks: control characters in repository #{i}", "GET", $"/api/tasks?repository={Uri.EscapeDataString(value)}", Expect: 400);
            yield return new($"list-tasks: control characters in assignee #{i}", "GET", $"/api/tasks?assignee={Uri.EscapeDataString(value)}", Expect: 400);
        }
        yield return new("create-user: NUL inside an email", "POST", "/api/users", Json("email", "nul\u0000@example.com"), Expect: 400, Caller: "admin");
        yield return new("create-user: markup email", "POST", "/api/users", Json("email", "<script>alert(1)</script>"), Expect: 400, Caller: "admin");
        yield return new("create-repository: javascript URL", "POST", "/api/repositories", Json("name", "js-url", "url", "javascript:alert(1)"), Expect: 400, Caller: "admin");
        yield return new("create-repository: NUL in URL", "POST", "/api/repositories", Json("name", "nul-url", "url", "https://example.com/\u0000"), Expect: 400, Caller: "admin");
        yield return new("create-repository: file URL", "POST", "/api/repositories", Json("name", "file-url", "url", "file:///etc/passwd"), Expect: 400, Caller: "admin");
        yield return new("create-task: missing title", "POST", "/api/tasks", """{"description":"no title"}""", Expect: 400);
        yield return new("create-task: blank title", "POST", "/api/tasks", Json("title", "   "), Expect: 400);
        yield return new("change-status: valid status with SQL tail", "PUT", "/api/tasks/{task}/status", Json("status", "completed'; --"), Expect: 400);
        yield return new("create-task: priority with markup around it", "POST", "/api/tasks", Json("title", "ok", "priority", "<b>high</b>"), Expect: 400);
        yield return new("create-task: unknown status", "POST", "/api/tasks", Json("title", "ok", "status", "done-ish"), Expect: 400);
        yield return new("create-task: unknown repository", "POST", "/api/tasks", Json("title", "ok", "repository", "no-such-repo"), Expect: 404);
        yield return new("create-task: 501-character title", "POST", "/api/tasks", Json("title", new string('t', 501)), Expect: 400);
        yield return new("create-task: 10k-character Idempotency-Key", "POST", "/api/tasks", Json("title", "ok"), Expect: 400,
            Headers: new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 10_000) });
        yield return new("change-status: missing status", "PUT", "/api/tasks/{task}/status", """{"comment":"why"}""", Expect: 400);
        yield return new("change-status: stale If-Match", "PUT", "/api/tasks/{task}/status", Json("status", "blocked"), Expect: 409,
            Headers: new Dictionary<string, string> { ["If-Match"] = "\"99\"" });
        yield return new("change-status: garbage If-Match", "PUT", "/api/tasks/{task}/status", Json("status", "blocked"), Expect: 400,
            Headers: new Dictionary<string, string> { ["If-Match"] = "\"abc\"" });
        yield return new("patch-task: 20001-character description", "PATCH", "/api/tasks/{task}", Json("description", new string('d', 20_001)), Expect: 400);
        yield return new("patch-task: unknown priority", "PATCH", "/api/tasks/{task}", Json("priority", "whenever"), Expect: 400);
        yield return new("patch-task: negative If-Match", "PATCH", "/api/tasks/{task}", Json("title", "new"), Expect: 400,
            Headers: new Dictionary<string, string> { ["If-Match"] = "-1" });
        yield return new("delete-task: stale If-Match", "DELETE", "/api/tasks/{task}", Expect: 409,
            Headers: new Dictionary<string, string> { ["If-Match"] = "\"42\"" });
        yield return new("patch-task: status", "PATCH", "/api/tasks/{task}", Json("status", "completed"), Expect: 400);
        yield return new("patch-task: version", "PATCH", "/api/tasks/{task}", """{"title":"new","version":9}""", Expect: 400);
        yield return new("patch-task: created_at", "PATCH", "/api/tasks/{task}", Json("created_at", "2026-01-01T00:00:00Z"), Expect: 400);
        yield return new("patch-task: empty object", "PATCH", "/api/tasks/{task}", "{}", Expect: 400);
        yield return new("patch-task: null title", "PATCH", "/api/tasks/{task}", """{"title":null}""", Expect: 400);
        yield return new("patch-task: empty title", "PATCH", "/api/tasks/{task}", Json("title", ""), Expect: 400);
        yield return new("patch-task: null priority", "PATCH", "/api/tasks/{task}", """{"priority":null}""", Expect: 400);
        yield return new("patch-task: empty complexity", "PATCH", "/api/tasks/{task}", Json("complexity", ""), Expect: 400);
        yield return new("add-comment: blank comment", "POST", "/api/tasks/{task}/comments", Json("comment", " \n\t "), Expect: 400);
        yield return new("add-comment: 10001-character comment", "POST", "/api/tasks/{task}/comments", Json("comment", new string('c', 10_001)), Expect: 400);

        // Query parameters.
        foreach (var (path, what) in new[] { ("/api/tasks", "list-tasks"), ("/api/users", "list-users"), ("/api/repositories", "list-repositories") })
        {
            foreach (var limit in new[] { "abc", "-1", "0", "501", "99999999999", "1e3", "1.5", "0x10", "%00" })
                yield return new($"{what}: limit={limit}", "GET", $"{path}?limit={limit}", Expect: 400);
            foreach (var cursor in new[] { "garbage", "!!!", Base64("{}"), Base64("created_at|x|y"), Base64(new string('z', 3000)), "%FF%FE", "%00" })
                yield return new($"{what}: cursor={cursor[..Math.Min(cursor.Length, 20)]}", "GET", $"{path}?cursor={cursor}", Expect: 400);
        }
        foreach (var since in new[] { "yesterday", "2026-13-45", "' OR 1=1", "99999-01-01T00:00:00Z" })
            yield return new($"list-tasks: updated_since={since}", "GET", $"/api/tasks?updated_since={Uri.EscapeDataString(since)}", Expect: 400);
        foreach (var sort in new[] { "title", "created_at; drop table tasks", "-created_at" })
            yield return new($"list-tasks: sort={sort}", "GET", $"/api/tasks?sort={Uri.EscapeDataString(sort)}", Expect: 400);
        yield return new("list-tasks: unknown priority filter", "GET", "/api/tasks?priority=asap", Expect: 400);
        yield return new("list-tasks: half-valid status list", "GET", "/api/tasks?status=in_progress,bogus", Expect: 400);
        yield return new("list-tasks: unknown user", "GET", "/api/tasks?user_id=ghost@example.com", Expect: 404);
        yield return new("list-tasks: 256-character user", "GET", $"/api/tasks?user_id={new string('u', 256)}", Expect: 400);
        yield return new("list-tasks: 201-character search", "GET", $"/api/tasks?q={new string('q', 201)}", Expect: 400);
        yield return new("list-tasks: invalid UTF-8 in search", "GET", "/api/tasks?q=%FF%FE%C3%28", SuccessAllowed: true);
        yield return new("list-tasks: invalid UTF-8 in status", "GET", "/api/tasks?status=%FF%FE", Expect: 400);
        yield return new("list-tasks: LIKE wildcards in search", "GET", "/api/tasks?q=%25_%5C", SuccessAllowed: true);

        // Route values that are not task ids.
        // (A NUL in the path is refused by the server itself before the application sees it.)
        string[] badIds = ["not-a-guid", "%27%20OR%201%3D1--", "%3Cscript%3E", "12345", "%FF%FE", $"{Guid.Empty}-extra", new string('9', 5000)];
        foreach (var (id, i) in badIds.Select((v, i) => (v, i)))
        {
            yield return new($"get-task: bad id #{i}", "GET", $"/api/tasks/{id}", Expect: 404);
            yield return new($"change-status: bad id #{i}", "PUT", $"/api/tasks/{id}/status", Json("status", "blocked"), Expect: 404);
            yield return new($"patch-task: bad id #{i}", "PATCH", $"/api/tasks/{id}", Json("title", "x"), Expect: 404);
            yield return new($"delete-task: bad id #{i}", "DELETE", $"/api/tasks/{id}", Expect: 404);
            yield return new($"history: bad id #{i}", "GET", $"/api/tasks/{id}/history", Expect: 404);
        }
        yield return new("list-comments: bad id", "GET", "/api/tasks/not-a-guid/comments", Expect: 404);
        yield return new("add-comment: bad id", "POST", "/api/tasks/not-a-guid/comments", Json("comment", "x"), Expect: 404);
        // Well-formed ids nobody has.
        yield return new("get-task: unknown id", "GET", "/api/tasks/{missing}", Expect: 404);
        yield return new("change-status: unknown id", "PUT", "/api/tasks/{missing}/status", Json("status", "blocked"), Expect: 404);
        yield return new("patch-task: unknown id", "PATCH", "/api/tasks/{missing}", Json("title", "x"), Expect: 404);
        yield return new("delete-task: unknown id", "DELETE", "/api/tasks/{missing}", Expect: 404);
        yield return new("list-comments: unknown id", "GET", "/api/tasks/{missing}/comments", Expect: 404);
        yield return new("add-comment: unknown id", "POST", "/api/tasks/{missing}/comments", Json("comment", "x"), Expect: 404);
        yield return new("history: unknown id", "GET", "/api/tasks/{missing}/history", Expect: 404);
        yield return new("get-task: nil UUID", "GET", $"/api/tasks/{Guid.Empty}", Expect: 404);

        // Credentials.
        foreach (var (name, method, path) in AllEndpoints)
            yield return new($"{name}: anonymous", method, path, method is "GET" or "DELETE" ? null : """{"title":"x"}""", Expect: 401, Caller: "anonymous");
        foreach (var caller in new[] { "garbage-token", "alg-none", "expired", "wrong-secret", "unknown-user", "basic-auth", "query-token", "bearer-empty" })
            yield return new($"list-tasks: {caller}", "GET", "/api/tasks", Expect: 401, Caller: caller);
        yield return new("create-user: not an admin", "POST", "/api/users", Json("email", "x@example.com"), Expect: 403);
        yield return new("create-repository: not an admin", "POST", "/api/repositories", Json("name", "mine"), Expect: 403);

        // Methods and paths that do not exist.
        yield return new("tasks: PUT on the collection", "PUT", "/api/tasks", """{"title":"x"}""", Expect: 405);
        yield return new("tasks: DELETE on the collection", "DELETE", "/api/tasks", Expect: 405);
        yield return new("task: POST on an item", "POST", "/api/tasks/{task}", """{"title":"x"}""", Expect: 405);
        yield return new("users: PATCH", "PATCH", "/api/users", """{"name":"x"}""", Expect: 405);
        yield return new("repositories: DELETE", "DELETE", "/api/repositories", Expect: 405);
        yield return new("tasks: TRACE", "TRACE", "/api/tasks", Expect: 405);
        yield return new("tasks: OPTIONS without CORS", "OPTIONS", "/api/tasks", Expect: 405);
        yield return new("tasks: HEAD", "HEAD", "/api/tasks", Expect: 405);
        foreach (var method in new[] { "POST", "PUT", "PATCH", "DELETE", "TRACE" })
        {
            yield return new($"health/live: {method}", method, "/health/live", Expect: 405, Caller: "anonymous");
            yield return new($"health/ready: {method}", method, "/health/ready", Expect: 405, Caller: "anonymous");
        }
        yield return new("unknown API path", "GET", "/api/nope", Expect: 404);
        yield return new("unknown sub-resource", "GET", "/api/tasks/{task}/nope", Expect: 404);
        yield return new("encoded path traversal", "GET", "/api/tasks/%2e%2e/%2e%2e/etc/passwd", Expect: 404);
        yield return new("encoded slash in id", "GET", "/api/tasks/a%2Fb", Expect: 404);
        yield return new("overlong UTF-8 slash in id", "GET", "/api/tasks/%C0%AF", Expect: 404);
    }

    private static string Json(params string[] pairs)
    {
        var body = new Dictionary<string, string>();
        for (var i = 0; i < pairs.Length; i += 2)
            body[pairs[i]] = pairs[i + 1];
        return JsonSerializer.Serialize(body);
    }

    private static string Base64(string text) => Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
}
