using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Json;

namespace TaskManager.Api.Common;

/// <summary>
/// REST request bodies are strict: a field the endpoint does not take (a typo such as <c>titel</c>, a read-only field
/// such as <c>id</c> or <c>version</c>, <c>status</c> on PATCH) is refused instead of silently ignored, so a client
/// learns at once that its change would have done nothing. Request bodies are the records nested in feature slices;
/// responses stay open, so adding a response field never breaks a client.
/// </summary>
public static partial class StrictBodies
{
    /// <summary>
    /// Makes the HTTP JSON options refuse unknown fields in request bodies, and numbers sent as strings. Both are the
    /// serializer's own checks, so the OpenAPI document (which reads the same contract) says
    /// <c>additionalProperties: false</c> for exactly these types and <c>integer</c>, not "integer or string", for numbers.
    /// </summary>
    public static void Apply(JsonSerializerOptions options)
    {
        options.NumberHandling = JsonNumberHandling.Strict;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(typeInfo =>
        {
            if (IsRequestBody(typeInfo.Type))
                typeInfo.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
    }

    public static bool IsRequestBody(Type type) => type.IsNested && FeatureSlices.All.Contains(type.DeclaringType);

    /// <summary>The serializer's refusal of an unknown field, as a validation error that names it and the fields allowed.</summary>
    /// <returns>Null when <paramref name="exception"/> is not about an unknown field.</returns>
    public static ValidationException? UnknownField(JsonException exception)
    {
        if (UnmappedMember().Match(exception.Message) is not { Success: true } match
            || typeof(StrictBodies).Assembly.GetType(match.Groups["type"].Value) is not { } body
            || !IsRequestBody(body))
            return null;
        var field = match.Groups["field"].Value;
        var allowed = WireJson.Options.GetTypeInfo(body).Properties
            .Where(p => p.Set is not null || p.AssociatedParameter is not null)
            .Select(p => p.Name);
        var why = body.GetCustomAttributes<FieldHintAttribute>().FirstOrDefault(h => h.Field == field)?.Hint
            ?? $"'{field}' is not a field of this request.";
        return ValidationException.For(field, $"{why} Allowed fields: {string.Join(", ", allowed)}.");
    }

    // System.Text.Json's message for JsonUnmappedMemberHandling.Disallow, the only place the field and type are given.
    [GeneratedRegex(@"^The JSON property '(?<field>.*)' could not be mapped to any \.NET member contained in type '(?<type>[^']+)'")]
    private static partial Regex UnmappedMember();
}
