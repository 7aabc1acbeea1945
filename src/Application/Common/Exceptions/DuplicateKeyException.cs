namespace TaskManager.Application.Common.Exceptions;

/// <summary>Saving broke a unique constraint (a concurrent duplicate); persistence raises it so use cases need no driver types.</summary>
public sealed class DuplicateKeyException(string constraint, Exception inner)
    : Exception($"Unique constraint '{constraint}' was violated.", inner)
{
    public string Constraint { get; } = constraint;
}
