namespace TaskManager.Api.Common;

/// <summary>
/// The REST resources the slices add routes to. Each slice asks for its group, so a slice is self-contained and the
/// conventions every route of a resource shares (sign-in, OpenAPI tag, common errors, empty query values) are written once.
/// </summary>
public static class RouteGroups
{
    public static RouteGroupBuilder Tasks(this IEndpointRouteBuilder routes) => Resource(routes, "/api/tasks", "Tasks");

    public static RouteGroupBuilder Users(this IEndpointRouteBuilder routes) => Resource(routes, "/api/users", "Users");

    public static RouteGroupBuilder Repositories(this IEndpointRouteBuilder routes) => Resource(routes, "/api/repositories", "Repositories");

    public static RouteGroupBuilder ApiKeys(this IEndpointRouteBuilder routes) => Resource(routes, "/api/api-keys", "API keys");

    private static RouteGroupBuilder Resource(IEndpointRouteBuilder routes, string prefix, string tag) =>
        routes.MapGroup(prefix).WithTags(tag).RequireAuthorization().ProducesErrors(ErrorResponses.Common).IgnoreEmptyQueryValues();
}
