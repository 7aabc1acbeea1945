using System.Globalization;
using Microsoft.Net.Http.Headers;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Contract;

namespace TaskManager.Api.Common;

/// <summary>A task's ETag is its version: <c>"3"</c>. If-Match takes that (weak or strong) or <c>*</c>.</summary>
public static class ETags
{
    public static string For(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <returns>The expected version, or null when the request has no If-Match (or <c>*</c>): last write wins.</returns>
    public static int? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
            return null;
        if (EntityTagHeaderValue.TryParse(header.Trim(), out var tag)
            && int.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return version;
        if (int.TryParse(header.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bare))
            return bare;
        throw ValidationException.For(WireHeaders.IfMatch, $"{WireHeaders.IfMatch} must be the task's ETag, e.g. \"3\".");
    }
}
