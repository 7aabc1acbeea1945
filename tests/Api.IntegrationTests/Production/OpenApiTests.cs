using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Production;

public sealed class OpenApiTests : IntegrationTestBase
{
    private static readonly string[] AlwaysDeclaredErrors = ["401", "429", "500"];

    [Test]
    public async Task Document_ListsEveryApiRoute_WithItsSuccessAndErrorResponses()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");
        var routes = ApiRoutes().ToList();
        Assert.That(routes, Has.Count.GreaterThanOrEqualTo(12), "the REST surface is found");

        Assert.Multiple(() =>
        {
            foreach (var (method, path) in routes)
            {
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    Assert.Fail($"{method} {path} is missing from the document");
                    continue;
                }
                var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
                Assert.That(responses.Keys.Any(k => k.StartsWith('2')), Is.True, $"{method} {path} declares its success response");
                Assert.That(responses.Keys, Is.SupersetOf(AlwaysDeclaredErrors), $"{method} {path} declares 401, 429 and 500");
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                {
                    Assert.That(response.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(),
                        Is.EqualTo("#/components/schemas/ErrorBody"), $"{method} {path} {status} is the error JSON");
                }
            }
        });
    }

    [TestCase("post", "/api/tasks", new[] { "400", "404", "409", "413", "415" })]
    [TestCase("put", "/api/tasks/{id}/status", new[] { "400", "404", "409", "413", "415" })]
    [TestCase("get", "/api/tasks/{id}", new[] { "404" })]
    [TestCase("post", "/api/users", new[] { "400", "403", "409" })]
    public async Task Document_DeclaresTheEndpointSpecificErrors(string method, string path, string[] statuses)
    {
        var responses = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        Assert.That(responses.EnumerateObject().Select(r => r.Name), Is.SupersetOf(statuses));
    }

    [Test]
    public async Task Document_DeclaresTheBearerAndApiKeySchemes_AndRequiresEitherOnSignedInOperationsOnly()
    {
        var document = await DocumentAsync();

        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        var apiKey = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Multiple(() =>
        {
            Assert.That(bearer.GetProperty("type").GetString(), Is.EqualTo("http"));
            Assert.That(bearer.GetProperty("scheme").GetString(), Is.EqualTo("bearer"));
            Assert.That(bearer.GetProperty("bearerFormat").GetString(), Is.EqualTo("JWT"));
            var list = document.GetProperty("paths").GetProperty("/api/tasks").GetProperty("get");
            Assert.That(list.GetProperty("security")[0].TryGetProperty("Bearer", out _), Is.True);
            Assert.That(list.GetProperty("security")[1].TryGetProperty("ApiKey", out _), Is.True, "either one, not both");
            Assert.That(apiKey.GetProperty("in").GetString(), Is.EqualTo("header"));
            Assert.That(apiKey.GetProperty("name").GetString(), Is.EqualTo("X-API-Key"));
            var live = document.GetProperty("paths").GetProperty("/health/live").GetProperty("get");
            Assert.That(live.TryGetProperty("security", out _), Is.False);
            Assert.That(document.GetProperty("paths").GetProperty("/health/ready").GetProperty("get").GetProperty("responses").TryGetProperty("503", out _), Is.True);
        });
    }

    [Test]
    public async Task ReferencePage_IsServedWithoutSignIn()
    {
        var response = await Factory.CreateClient().GetAsync("/docs");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
    }

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await Factory.CreateClient().GetAsync("/openapi/v1.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await ReadJsonAsync(response);
    }

    /// <summary>Every REST route the application maps, as the document spells it (<c>{id:guid}</c> → <c>{id}</c>).</summary>
    private IEnumerable<(string Method, string Path)> ApiRoutes()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var raw = endpoint.RoutePattern.RawText ?? "";
            if (!raw.StartsWith("/api/", StringComparison.Ordinal) || endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods)
                continue;
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(s =>
                string.Concat(s.Parts.Select(p => p is Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter ? $"{{{parameter.Name}}}"
                    : ((Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart)p).Content))));
            foreach (var method in methods.HttpMethods)
                yield return (method, path);
        }
    }
}
