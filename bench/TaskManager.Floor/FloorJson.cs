using System.Text.Json.Serialization;

namespace TaskManager.Floor;

/// <summary>The bodies the benchmark sends (bench/TaskManager.Bench WritesScenario), snake_case as the contract's.</summary>
public sealed record CreateTaskBody(string? Title, string? Description, Guid? AssigneeId, string? Repository, string? Priority, string? Complexity,
    string? Status);

public sealed record StatusBody(string? Status, string? Comment);

/// <summary>The contract's error shape, <c>{"error": {"code", "message"}}</c>.</summary>
public sealed record ErrorBody(ErrorDetail Error);

public sealed record ErrorDetail(string Code, string Message);

/// <summary>Source-generated: no reflection and no metadata to build on the first request.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CreateTaskBody))]
[JsonSerializable(typeof(StatusBody))]
[JsonSerializable(typeof(ErrorBody))]
public sealed partial class FloorJson : JsonSerializerContext;
