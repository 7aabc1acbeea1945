using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;

namespace TaskManager.Api.Hosting.Logging;

/// <summary>
/// LOG_FILE: one JSON object per line (timestamp, level, category, message, exception, scope properties such as
/// RequestId), appended by a background writer so a slow disk never holds up a request. If the writer falls
/// 10,000 lines behind, new lines are dropped rather than growing memory.
/// </summary>
public sealed class JsonFileLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private const int Backlog = 10_000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Channel<string> _lines = Channel.CreateBounded<string>(
        new BoundedChannelOptions(Backlog) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    private readonly Task _writer;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public JsonFileLoggerProvider(string path)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } directory)
            Directory.CreateDirectory(directory);
        // Opened here so a bad LOG_FILE stops start-up with the reason rather than losing every line silently.
        var stream = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _writer = Task.Run(() => WriteAsync(new StreamWriter(stream, new UTF8Encoding(false))));
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
        _lines.Writer.TryComplete();
        // Flush what is queued on shutdown, but never hang it.
        _writer.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task WriteAsync(StreamWriter writer)
    {
        await using (writer)
        {
            while (await _lines.Reader.WaitToReadAsync())
            {
                while (_lines.Reader.TryRead(out var line))
                    await writer.WriteLineAsync(line);
                await writer.FlushAsync();
            }
        }
    }

    private string Format<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", level.ToString());
            json.WriteString("category", category);
            if (eventId.Id != 0)
                json.WriteNumber("event_id", eventId.Id);
            json.WriteString("message", message);
            if (exception is not null)
                json.WriteString("exception", exception.ToString());
            json.WriteStartObject("properties");
            _scopes.ForEachScope(static (scope, writer) => WriteProperties(writer, scope), json);
            WriteProperties(json, state);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteProperties(Utf8JsonWriter json, object? values)
    {
        if (values is not IEnumerable<KeyValuePair<string, object?>> properties)
            return;
        foreach (var (key, value) in properties)
        {
            if (key == "{OriginalFormat}")
                continue;
            switch (value)
            {
                case null: json.WriteNull(key); break;
                case bool b: json.WriteBoolean(key, b); break;
                case int or long or short or byte or double or float or decimal:
                    json.WriteNumber(key, Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                default: json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }
    }

    private sealed class FileLogger(JsonFileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            provider._lines.Writer.TryWrite(provider.Format(category, logLevel, eventId, state, exception, formatter(state, exception)));
        }
    }
}
