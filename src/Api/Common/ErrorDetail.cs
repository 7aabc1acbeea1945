namespace TaskManager.Api.Common;

public sealed record ErrorDetail(string Code, string Message, IReadOnlyDictionary<string, object?> Details);
