namespace TaskManager.Api.Realtime;

/// <summary>A frame queued for one subscriber: an event's bytes and its id, or a resync that moves the client's position.</summary>
/// <param name="Id">The frame's <c>id:</c>.</param>
/// <param name="Bytes">The whole frame, ready to write.</param>
/// <param name="IsResync">
/// The log was reset: the frame is sent whatever the client's last id was, and ids after it are compared with this one.
/// </param>
public readonly record struct StreamFrame(string Id, byte[] Bytes, bool IsResync);
