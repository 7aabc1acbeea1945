namespace TaskManager.Api.Hosting.Logging;

/// <summary>LOG_FORMAT: how console lines are written.</summary>
public enum LogFormat
{
    /// <summary>One readable line per entry.</summary>
    Text,

    /// <summary>One JSON object per line, for log collectors.</summary>
    Json,
}
