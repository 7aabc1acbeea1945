using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using TaskManager.Application.Contract;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>
/// The served /openapi/v1.json, used as a contract to hold the server to: answers are validated against the schemas
/// it declares (with a JSON Schema 2020-12 validator, which OpenAPI 3.1 schemas are), and request bodies are built
/// from what it declares.
/// </summary>
internal sealed class OpenApiContract(JsonNode document)
{
    private static readonly EvaluationOptions Strict = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>The headers the contract gives a meaning to; an answer that carries one must document it.</summary>
    private static readonly string[] ContractHeaders = [WireHeaders.ETag, "Location", WireHeaders.IdempotentReplayed];

    public static async Task<OpenApiContract> LoadAsync(HttpClient client) =>
        new(JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!);

    public JsonObject Operation(string method, string path) =>
        document["paths"]?[path]?[method.ToLowerInvariant()]?.AsObject() ?? throw new AssertionException($"{method} {path} is not documented");

    /// <summary>The request body schemas, by operation, resolved to their component.</summary>
    public IEnumerable<(string Method, string Path, JsonObject Schema)> RequestBodies() =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        let reference = operation.Value?["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>()
        where reference is not null
        select (operation.Key.ToUpperInvariant(), path.Key, Resolve(reference));

    /// <summary>Asserts that the answer's status is documented for the operation, its body matches that schema and the
    /// contract headers it carries are the ones documented.</summary>
    public async Task AssertAnswersAsDocumentedAsync(string method, string path, HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var text = await response.Content.ReadAsStringAsync();
        var documented = Operation(method, path)["responses"]?[status]
            ?? throw new AssertionException($"{method} {path} answered {status}, which is not documented: {text}");
        var headers = documented["headers"]?.AsObject().Select(h => h.Key).ToList() ?? [];
        var sent = ContractHeaders.Where(response.Headers.Contains).ToList();
        Assert.That(sent, Is.SubsetOf(headers), $"{method} {path} {status}: every contract header it sends is documented");
        Assert.That(headers.Where(h => h != WireHeaders.IdempotentReplayed), Is.SubsetOf(sent),
            $"{method} {path} {status}: every documented header is sent (Idempotent-Replayed only on a replay)");
        if (documented["content"]?["application/json"]?["schema"] is { } schema)
            AssertValid(schema, text, $"{method} {path} {status}");
        else
            Assert.That(text, Is.Empty, $"{method} {path} {status} documents no body");
    }

    /// <summary>
    /// A body with the schema's required fields only (and as many more as minProperties asks), or with every documented
    /// field; id fields (format uuid) get <paramref name="existingId"/>, since a body refers to things that exist.
    /// </summary>
    public static JsonObject Body(JsonObject schema, bool everyField, string existingId)
    {
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        var atLeast = schema["minProperties"]?.GetValue<int>() ?? 0;
        var body = new JsonObject();
        foreach (var (name, property) in schema["properties"]!.AsObject())
        {
            if (everyField || required.Contains(name) || body.Count < atLeast - required.Count)
                body[name] = SampleOf(property!.AsObject(), existingId);
        }
        return body;
    }

    public void AssertValid(JsonNode schema, string instance, string what)
    {
        var results = Compile(schema).Evaluate(JsonNode.Parse(instance), Strict);
        var errors = results.Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.That(results.IsValid, Is.True, $"{what} does not match its documented schema:\n{string.Join("\n", errors)}\n{instance}");
    }

    private JsonObject Resolve(string reference) =>
        document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject();

    /// <summary>The schema with the document's components beside it as <c>$defs</c>, so its references resolve.</summary>
    private JsonSchema Compile(JsonNode schema)
    {
        var root = JsonNode.Parse(schema.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!.AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = JsonNode.Parse(document["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal));
        return JsonSchema.FromText(root.ToJsonString());
    }

    /// <summary>A valid value as the schema describes it: null where allowed (it means "no value"), else the first enum value,
    /// else the existing id for an id, else a short unique text in the declared format.</summary>
    private static JsonNode? SampleOf(JsonObject property, string existingId)
    {
        var types = property["type"] is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToArray() : [property["type"]?.GetValue<string>() ?? ""];
        if (types.Contains("null"))
            return null;
        if (property["enum"] is JsonArray values)
            return values.First(v => v is not null)!.DeepClone();
        if (property["format"]?.GetValue<string>() == "uuid")
            return existingId;
        if (types.Contains("boolean"))
            return false;
        var unique = Guid.NewGuid().ToString("N")[..8];
        return property["format"]?.GetValue<string>() == "email" ? $"doc-{unique}@example.com" : $"doc-{unique}";
    }
}
