namespace TaskManager.Api.Common;

/// <summary>
/// What to tell a client that sends <see cref="Field"/> in a request body that does not take it, when there is a better
/// answer than "unknown field": where that change is made instead (see <see cref="StrictBodies"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class FieldHintAttribute(string field, string hint) : Attribute
{
    public string Field { get; } = field;

    public string Hint { get; } = hint;
}
