namespace TaskManager.Api.Common;

/// <summary>Endpoint metadata: the endpoint's <see cref="Status"/> answer carries this header (see <see cref="HeaderMetadata"/>).</summary>
public sealed record ResponseHeader(int Status, string Name);
