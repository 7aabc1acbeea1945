namespace TaskManager.Api.Common;

/// <summary>Declares which error JSON statuses an endpoint (or a whole group) can answer, for the OpenAPI document.</summary>
public static class ErrorResponses
{
    /// <summary>What any signed-in endpoint can answer: 401 (no or bad token), 429 (rate limit), 500 (our fault).</summary>
    public static readonly int[] Common = [StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError];

    /// <summary>What a JSON body adds: 400 (malformed or invalid), 413 (over 1 MiB), 415 (not JSON).</summary>
    public static readonly int[] Body = [StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType];

    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses.Distinct())
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ErrorBody), ["application/json"]));
        return builder;
    }

    public static TBuilder ProducesBodyErrors<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder => builder.ProducesErrors([.. Body, .. statuses]);
}
