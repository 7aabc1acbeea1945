namespace TaskManager.Api.Common;

/// <summary>
/// Declares the contract's headers an endpoint reads or writes (<see cref="Application.Contract.WireHeaders"/>), beside its
/// route, so the OpenAPI document lists exactly them (see <c>OpenApiSetup</c>). Location is not declared: every 201 has it.
/// </summary>
public static class HeaderMetadata
{
    public static TBuilder AcceptsHeader<TBuilder>(this TBuilder builder, string name) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestHeader(name));

    public static TBuilder AnswersHeaders<TBuilder>(this TBuilder builder, int status, params string[] names)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata([.. names.Select(name => new ResponseHeader(status, name))]);
}
