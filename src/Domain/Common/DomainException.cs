namespace TaskManager.Domain.Common;

/// <summary>A business rule was broken. <see cref="Field"/> names the input that broke it, when there is one.</summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
