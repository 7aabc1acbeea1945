namespace TaskManager.Api.Realtime;

/// <summary>
/// A frame queued for one subscriber: an event's bytes and its id, or a control frame (resync, account_deactivated).
/// </summary>
/// <param name="Id">
/// The frame's <c>id:</c>, where the client's position moves to; null for a frame without one, which leaves it where it was.
/// </param>
/// <param name="Bytes">The whole frame, ready to write.</param>
/// <param name="IsControl">
/// Not an event: the frame is sent whatever the client's last id was, and is not counted as a delivered event. After a
/// resync, ids are compared with the resync's.
/// </param>
public readonly record struct StreamFrame(string? Id, byte[] Bytes, bool IsControl);
