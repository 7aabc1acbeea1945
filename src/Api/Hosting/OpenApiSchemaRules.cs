using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TaskManager.Api.Features.Tasks;
using TaskManager.Api.Features.Users;
using TaskManager.Domain.Tasks;

namespace TaskManager.Api.Hosting;

/// <summary>
/// What the schemas of /openapi/v1.json cannot learn from the CLR types alone: the wire's enums (the Domain's parsers),
/// formats, and which nullable-typed fields still refuse null. Required, optional and lengths come from the request
/// records themselves (default values, <c>[Required]</c>, <c>[MaxLength]</c> from FieldLimits).
/// </summary>
public sealed class OpenApiSchemaRules : IOpenApiSchemaTransformer
{
    /// <summary>Fields that hold one of a task enum's values, wherever they appear (requests and responses).</summary>
    private static readonly Dictionary<string, IReadOnlyList<string>> Enums = new(StringComparer.Ordinal)
    {
        ["status"] = TaskEnums.Status.Allowed,
        ["priority"] = TaskEnums.Priority.Allowed,
        ["complexity"] = TaskEnums.Complexity.Allowed,
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // Timestamps have their own converter (UtcTimestampConverter), so the exporter gives only the CLR type's format.
        if (context.JsonTypeInfo.Type == typeof(DateTimeOffset))
            schema.Type = JsonSchemaType.String;
        else if (context.JsonTypeInfo.Type == typeof(DateTimeOffset?))
            schema.Type = JsonSchemaType.String | JsonSchemaType.Null;

        // An empty PATCH is refused (see UpdateTask.PatchTaskRequest, UpdateUser.PatchUserRequest), though no single
        // field is required.
        if (context.JsonTypeInfo.Type == typeof(UpdateTask.PatchTaskRequest) || context.JsonTypeInfo.Type == typeof(UpdateUser.PatchUserRequest))
            schema.MinProperties = 1;

        // [Required] refuses null as well as absence (DataAnnotations reads it so): a Guid? body field is nullable only so
        // that a missing id is told apart from the empty one.
        if (context.JsonPropertyInfo?.AttributeProvider is PropertyInfo requiredMember && requiredMember.IsDefined(typeof(RequiredAttribute)))
            schema.Type &= ~JsonSchemaType.Null;

        if (context.JsonPropertyInfo is not { } property)
            return Task.CompletedTask;
        // PATCH fields read as null when left out but are not to be sent as null ([DisallowNull] on the property, which the
        // compiler records on its setter, so it is read as the property's write nullability).
        if (property.AttributeProvider is PropertyInfo member && new NullabilityInfoContext().Create(member).WriteState == NullabilityState.NotNull)
            schema.Type &= ~JsonSchemaType.Null;
        if (property.PropertyType != typeof(string))
            return Task.CompletedTask;
        var nullable = schema.Type?.HasFlag(JsonSchemaType.Null) == true;
        if (Enums.TryGetValue(property.Name, out var values))
            schema.Enum = [.. values.Select(v => (JsonNode)v), .. nullable ? [null!] : Array.Empty<JsonNode>()]; // JSON null is a member too
        if (property.Name == "email")
            schema.Format = "email";
        return Task.CompletedTask;
    }
}
