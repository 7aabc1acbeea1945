namespace TaskManager.Application.Contract;

/// <summary>The <c>error.code</c> values of the contract's error JSON (docs/contract.md, "Errors"), one per HTTP status.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    /// <summary>410: a sync token older than the tombstones kept; the client lists everything again from the start.</summary>
    public const string ResyncRequired = "resync_required";
    public const string PayloadTooLarge = "payload_too_large";
    public const string RateLimited = "rate_limited";
    public const string InternalError = "internal_error";
    /// <summary>503: the database is unreachable or out of connections; the same request may well succeed shortly.</summary>
    public const string ServiceUnavailable = "service_unavailable";

    /// <summary>The code for a bare status, when nothing more specific is known (unknown route, wrong method...).</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => ValidationFailed,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => "method_not_allowed",
        406 => "not_acceptable",
        409 or 412 => Conflict,
        410 => ResyncRequired,
        413 => PayloadTooLarge,
        415 => "unsupported_media_type",
        429 => RateLimited,
        503 => ServiceUnavailable,
        _ => InternalError,
    };
}
