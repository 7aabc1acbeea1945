namespace TaskManager.Api.Realtime;

/// <summary>
/// A frame queued for one subscriber: an event's bytes and its id, a control frame (resync, account_deactivated), or
/// the hub's periodic <see cref="Tick"/>.
/// </summary>
/// <param name="Id">
/// The frame's <c>id:</c>, where the client's position moves to; null for a frame without one, which leaves it where it was.
/// </param>
/// <param name="Bytes">The whole frame, ready to write.</param>
/// <param name="Kind">What the frame is, and so whether it is sent and counted.</param>
/// <param name="OccurredAt">An event's change time, for the write lag; null for other frames.</param>
public readonly record struct StreamFrame(string? Id, byte[] Bytes, StreamFrameKind Kind, DateTimeOffset? OccurredAt = null)
{
    /// <summary>
    /// Not written: tells the stream's writer, between the frames queued before and after it, that it is time to look at
    /// its owner and, if it has been silent, to send a heartbeat. One timer for every stream rings it, instead of a timer
    /// per stream re-armed for every event.
    /// </summary>
    public static readonly StreamFrame Tick = new(null, [], StreamFrameKind.Tick);

    public bool IsEvent => Kind == StreamFrameKind.Event;
}
