using System.Text;
using System.Text.Json;
using TaskManager.Api.Identity;
using TaskManager.Application.Common.Json;

namespace TaskManager.Api.Realtime;

/// <summary>
/// The frames of the stream that are not task events. Heartbeat and resync carry an <c>id:</c>, the position the client
/// resumes from, so a client that hears nothing for it for days still resumes from a recent position (and is not told to
/// resync because its last event was trimmed away), and a client that was told to resync knows where the log now stands.
/// </summary>
public static class ControlFrames
{
    /// <summary>Everything up to <paramref name="position"/> that concerns the client has been sent.</summary>
    public static byte[] Heartbeat(string position, DateTimeOffset now) =>
        Encoding.UTF8.GetBytes($"id: {position}\ndata: {{\"type\":\"heartbeat\",\"timestamp\":\"{UtcTimestampConverter.ToText(now)}\"}}\n\n");

    /// <summary>Events may have been missed: refetch, then the stream carries on after <paramref name="position"/>.</summary>
    public static byte[] Resync(string position) => Encoding.UTF8.GetBytes($"id: {position}\ndata: {{\"type\":\"resync\"}}\n\n");

    /// <summary>
    /// The last frame of a stream whose owner was deactivated. It has no <c>id:</c>: nothing follows it, and reconnecting
    /// gets 401.
    /// </summary>
    public static readonly byte[] AccountDeactivated = Encoding.UTF8.GetBytes(
        $"data: {JsonSerializer.Serialize(new { type = "account_deactivated", message = DeactivatedAccount.Message })}\n\n");
}
