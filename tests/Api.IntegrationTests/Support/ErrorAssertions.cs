using System.Net;
using System.Text.Json;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>Checks the contract's error JSON: <c>{"error": {"code", "message", "details"}}</c>, the same for every failure.</summary>
internal static class ErrorAssertions
{
    /// <returns>The <c>error</c> object, for further assertions on its details.</returns>
    public static async Task<JsonElement> AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), text);
        var root = JsonDocument.Parse(text).RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "error" }), text);
        var error = root.GetProperty("error");
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(code), text);
            Assert.That(error.GetProperty("message").GetString(), Is.Not.Empty, text);
            Assert.That(error.GetProperty("details").ValueKind, Is.EqualTo(JsonValueKind.Object), text);
            Assert.That(text, Does.Not.Contain("   at "), "No stack trace leaks.");
        });
        return error;
    }

    /// <summary>A 400 whose details.errors names <paramref name="field"/>; returns that field's messages.</summary>
    public static async Task<IReadOnlyList<string>> AssertValidationErrorAsync(this HttpResponseMessage response, string field)
    {
        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "validation_failed");
        var errors = error.GetProperty("details").GetProperty("errors");
        Assert.That(errors.TryGetProperty(field, out var messages), Is.True, $"details.errors has no '{field}': {errors}");
        return [.. messages.EnumerateArray().Select(m => m.GetString()!)];
    }
}
