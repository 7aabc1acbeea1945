using Npgsql;
using TaskManager.Floor;

// The minimal .NET server the benchmark measures beside the service (scripts/bench.sh, scenario "floor"): Kestrel,
// one prepared Npgsql statement per request and the JSON written straight from the reader. Listens on HOST/PORT like
// the service; --database is the benchmark's connection string.
var builder = WebApplication.CreateSlimBuilder(args);
// No logging at all: the service logs at Information by default, and that cost is part of what the floor leaves out.
builder.Logging.ClearProviders();
// The service sends no Server header either: the same bytes on the wire.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.WebHost.UseUrls($"http://{Environment.GetEnvironmentVariable("HOST") ?? "127.0.0.1"}:{Environment.GetEnvironmentVariable("PORT") ?? "8080"}");

var connection = new NpgsqlConnectionStringBuilder(builder.Configuration["database"]
    ?? throw new InvalidOperationException("--database <connection string> is required."))
{
    // As the service's data source: each statement is prepared once per physical connection, and returning a
    // connection to the pool costs no reset round trip (nothing here changes session state).
    MaxAutoPrepare = 64,
    NoResetOnClose = true,
};
await using var database = NpgsqlDataSource.Create(connection);

// Loaded once: a create names its repository, and the floor resolves names without a query of its own.
var repositories = new Dictionary<string, Guid>(StringComparer.Ordinal);
await using (var reader = await database.CreateCommand(FloorSql.Repositories).ExecuteReaderAsync())
{
    while (await reader.ReadAsync())
        repositories[reader.GetString(0)] = reader.GetGuid(1);
}
var actor = (Guid)(await database.CreateCommand(FloorSql.Actor).ExecuteScalarAsync()
    ?? throw new InvalidOperationException("The floor needs at least one user (the history rows' actor)."));

var events = new EventBroadcaster();
var endpoints = new TaskEndpoints(database, repositories, actor, events);
var app = builder.Build();
app.Lifetime.ApplicationStopping.Register(events.Stop);
app.MapGet("/health/live", context => Task.CompletedTask);
app.MapGet("/api/tasks", endpoints.ListAsync);
app.MapPost("/api/tasks", endpoints.CreateAsync);
app.MapPut("/api/tasks/{id}/status", endpoints.ChangeStatusAsync);
app.MapGet("/api/tasks/stream", endpoints.StreamAsync);
await app.RunAsync();
await events.Completion;
