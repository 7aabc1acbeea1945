namespace TaskManager.Api.Common;

/// <summary>
/// An empty query value (<c>?repository=</c>, <c>?status=</c>, <c>?sort=</c>) means the same as leaving the parameter out,
/// for every filter of every list: a client that builds its URL from empty form fields gets the unfiltered list, never a
/// 404 for a repository named "" or a 400 for a sort order "". Applied once, to every REST route (see <see cref="RouteGroups"/>).
/// </summary>
public static class EmptyQueryValues
{
    public static TBuilder IgnoreEmptyQueryValues<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            // A handler's text parameters are its query values: route values are typed (ids are Guids) and bodies are records.
            var texts = context.MethodInfo.GetParameters().Where(p => p.ParameterType == typeof(string)).Select(p => p.Position).ToArray();
            if (texts.Length == 0)
                return next;
            return invocation =>
            {
                foreach (var position in texts)
                {
                    if (invocation.Arguments[position] is string text && string.IsNullOrWhiteSpace(text))
                        invocation.Arguments[position] = null;
                }
                return next(invocation);
            };
        });
}
