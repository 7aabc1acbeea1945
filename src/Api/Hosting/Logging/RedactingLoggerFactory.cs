namespace TaskManager.Api.Hosting.Logging;

/// <summary>Wraps the real factory so every logger masks credentials (<see cref="LogRedactor"/>) before any provider writes.</summary>
public sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
                return;
            var message = formatter(state, exception);
            var redacted = LogRedactor.Redact(message);
            var properties = state as IReadOnlyList<KeyValuePair<string, object?>>;
            if (string.Equals(redacted, message, StringComparison.Ordinal) && (properties is null || !properties.Any(p => NeedsMask(p.Value))))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            var masked = new RedactedState(redacted, properties?.Select(p => new KeyValuePair<string, object?>(p.Key, Masked(p.Value))).ToList() ?? []);
            inner.Log(logLevel, eventId, masked, exception, static (s, _) => s.Message);
        }

        private static bool NeedsMask(object? value) => value is string s && !string.Equals(LogRedactor.Redact(s), s, StringComparison.Ordinal);

        private static object? Masked(object? value) => value is string s ? LogRedactor.Redact(s) : value;
    }

    /// <summary>Keeps the structured properties (masked) so JSON output still has them.</summary>
    private sealed class RedactedState(string message, List<KeyValuePair<string, object?>> properties) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message => message;

        public int Count => properties.Count;

        public KeyValuePair<string, object?> this[int index] => properties[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => properties.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }
}
