namespace TaskManager.Api.ErrorHandling;

public sealed record ErrorDetail(string Code, string Message, IReadOnlyDictionary<string, object?> Details);
