using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TaskManager.Api.Common;
using TaskManager.Application.Contract;
using TaskManager.Application.Tasks.Queries.GetTasks;

namespace TaskManager.Api.Hosting;

/// <summary>
/// Completes each operation of /openapi/v1.json from its endpoint's metadata: the bearer requirement, the contract's
/// headers (<see cref="HeaderMetadata"/>; Location on every 201), and the types of the query values the handlers parse
/// themselves (<see cref="QueryValues"/>) so that a malformed one is an error naming it.
/// </summary>
public sealed class OpenApiOperationRules : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, (string Description, Func<OpenApiSchema> Schema)> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        [WireHeaders.IfMatch] = ("The task's ETag (its version, e.g. \"3\"): a stale one is refused with 409 and the current version. "
            + "Left out or *: the last write wins.", () => new OpenApiSchema { Type = JsonSchemaType.String }),
        [WireHeaders.IdempotencyKey] = ("Any unique string for this intended task: a retry with it returns the first result and creates nothing.",
            () => new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = FieldLimits.IdempotencyKey }),
        [WireHeaders.ETag] = ("The task's version as an entity tag, e.g. \"3\"; send it back as If-Match.",
            () => new OpenApiSchema { Type = JsonSchemaType.String }),
        [WireHeaders.IdempotentReplayed] = ("Present (true) when this answer repeats the first result for the Idempotency-Key.",
            () => new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["true"] }),
        ["Location"] = ("The URL of what was created.", () => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" }),
    };

    /// <summary>Query values bound as text and parsed by the handlers (<see cref="QueryValues"/>, the validators), as the document should type them.</summary>
    private static readonly Dictionary<string, Func<OpenApiSchema>> QueryTypes = new(StringComparer.Ordinal)
    {
        ["limit"] = () => new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int32",
            Minimum = "1",
            Maximum = Paging.MaxLimit.ToString(CultureInfo.InvariantCulture),
            Default = Paging.DefaultLimit,
        },
        ["updated_since"] = () => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
        ["sort"] = () => new OpenApiSchema { Type = JsonSchemaType.String, Enum = [GetTasksQuery.ByCreated, GetTasksQuery.ByUpdated] },
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiSetup.BearerScheme, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiSetup.ApiKeyScheme, context.Document)] = [] },
            ];

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Query && QueryTypes.TryGetValue(parameter.Name ?? "", out var schema))
                parameter.Schema = schema();
        }
        foreach (var header in metadata.OfType<RequestHeader>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.Name,
                In = ParameterLocation.Header,
                Description = Headers[header.Name].Description,
                Schema = Headers[header.Name].Schema(),
            });
        }
        var responseHeaders = metadata.OfType<ResponseHeader>()
            .Concat(operation.Responses?.ContainsKey("201") == true ? [new ResponseHeader(StatusCodes.Status201Created, "Location")] : []);
        foreach (var header in responseHeaders)
        {
            if (operation.Responses?.GetValueOrDefault(header.Status.ToString(CultureInfo.InvariantCulture)) is not OpenApiResponse response)
                continue;
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[header.Name] = new OpenApiHeader { Description = Headers[header.Name].Description, Schema = Headers[header.Name].Schema() };
        }
        return Task.CompletedTask;
    }
}
