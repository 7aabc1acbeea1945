namespace TaskManager.Api.Realtime;

/// <summary>What a <see cref="StreamFrame"/> is, and so whether it is sent and counted.</summary>
public enum StreamFrameKind
{
    /// <summary>A task event: skipped if the client already has it, counted as delivered once flushed.</summary>
    Event,

    /// <summary>
    /// Not an event: sent whatever the client's last id was, and not counted as a delivered event. After a resync, ids
    /// are compared with the resync's.
    /// </summary>
    Control,

    /// <summary>The hub's <see cref="StreamFrame.Tick"/>; nothing is written for it as such.</summary>
    Tick,
}
