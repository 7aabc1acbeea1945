namespace TaskManager.Application.Tasks;

public sealed record UserSummaryDto(Guid Id, string Email, string? Name);
