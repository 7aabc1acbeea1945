namespace TaskManager.Application.Common.Interfaces;

/// <param name="LastId">The id of the newest event ever written ("0-0" for an empty log).</param>
/// <param name="Trimmed">True when events after the asked position are no longer in the log (capped away, or the log was reset).</param>
public sealed record TaskEventFeedState(string LastId, bool Trimmed);
