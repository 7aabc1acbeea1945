using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>Keeps every log line an application writes, at every level, with its structured properties and scopes.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<CapturedLog> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    public sealed record CapturedLog(string Category, LogLevel Level, string Message, string? Exception, IReadOnlyDictionary<string, string?> Properties)
    {
        /// <summary>Everything a log sink could write for this line.</summary>
        public string AllText => string.Join('\n', [Message, Exception ?? "", .. Properties.Select(p => $"{p.Key}={p.Value}")]);
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = new Dictionary<string, string?>();
            capture._scopes.ForEachScope((scope, _) => Add(properties, scope, "scope."), (object?)null);
            Add(properties, state, "");
            capture._lines.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), exception?.ToString(), properties));
        }

        private static void Add(Dictionary<string, string?> properties, object? values, string prefix)
        {
            if (values is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                    properties[prefix + key] = value?.ToString();
            }
            else if (values is not null)
            {
                properties[prefix + properties.Count] = values.ToString();
            }
        }
    }
}
