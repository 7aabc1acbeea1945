using Microsoft.OpenApi;
using TaskManager.Api.Common;
using TaskManager.Application.Contract;

namespace TaskManager.Api.Hosting;

/// <summary>
/// The OpenAPI document at /openapi/v1.json: the endpoints' own metadata (typed results, <see cref="ErrorResponses"/>,
/// request records), made exact by <see cref="OpenApiSchemaRules"/> and <see cref="OpenApiOperationRules"/>, plus the
/// security schemes and the health probes (health-check endpoints carry no API description of their own).
/// </summary>
public static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";
    public const string ApiKeyScheme = "ApiKey";

    public static IServiceCollection AddTaskManagerOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "TaskManager API";
                document.Info.Description = "Tasks shared by AI agents (MCP at /mcp) and people (this REST API), signed in with a JWT bearer or an X-API-Key. "
                    + "Errors are always {\"error\": {\"code\", \"message\", \"details\"}}.";
                AddSecuritySchemes(document);
                AddHealthProbes(document);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer<OpenApiSchemaRules>();
            options.AddOperationTransformer<OpenApiOperationRules>();
        });
        return services;
    }

    private static void AddSecuritySchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "HS256 JWT with a user_id (or sub) claim and exp; `token --user EMAIL` on the CLI issues one.",
        };
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = WireHeaders.ApiKey,
            Description = "An API key (tm_…), on every endpoint, also as Authorization: Bearer; POST /api/api-keys issues one. "
                + "Its scopes and expiry apply; it never acts as an administrator.",
        };
    }

    private static void AddHealthProbes(OpenApiDocument document)
    {
        document.Paths ??= [];
        document.Paths["/health/live"] = Probe("Liveness: 200 while the process runs.");
        document.Paths["/health/ready"] = Probe("Readiness: 200 when PostgreSQL and Redis answer, else 503.");
    }

    private static OpenApiPathItem Probe(string summary)
    {
        var body = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["ok", "unavailable"] },
                ["checks"] = new OpenApiSchema { Type = JsonSchemaType.Object },
            },
        };
        var content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body } };
        return new OpenApiPathItem
        {
            Operations = HealthEndpoints.Methods.ToDictionary(method => new HttpMethod(method), _ => new OpenApiOperation
            {
                Summary = summary,
                Tags = new HashSet<OpenApiTagReference> { new("Health") },
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse { Description = "Healthy", Content = content },
                    ["503"] = new OpenApiResponse { Description = "A dependency is unavailable", Content = content },
                },
            }),
        };
    }
}
