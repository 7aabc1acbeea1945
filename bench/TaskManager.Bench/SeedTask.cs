namespace TaskManager.Bench;

public sealed record SeedTask(
    int Number,
    string Title,
    string Description,
    string Status,
    string Priority,
    string Complexity,
    int? Assignee,
    int? Repository,
    string CreatedBy,
    int Creator,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
