namespace TaskManager.Api.Common;

/// <summary>Endpoint metadata: the endpoint reads this request header (see <see cref="HeaderMetadata"/>).</summary>
public sealed record RequestHeader(string Name);
