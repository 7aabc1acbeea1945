using Mediator;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Features.Tasks;
using TaskManager.Api.Identity;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Contract;
using TaskManager.Application.Tasks.Queries.GetTask;
using TaskManager.Application.Tasks.Queries.ResolveEventFilter;

namespace TaskManager.Api.Mcp;

/// <summary>
/// The MCP resources: the catalogue (<c>tasks://mine</c>, the <c>task://{id}</c> template), reading them through the
/// slices that own the queries, and subscribing to them. Handlers rather than the SDK's resource collection, because
/// the collection advertises <c>listChanged</c>, which this fixed catalogue never sends. The descriptors name no MIME
/// type: each resource is read as both JSON and text. Every refusal names the fix.
/// </summary>
public static class TaskResources
{
    private static readonly Resource Mine = new()
    {
        Uri = ResourceUris.Mine,
        Name = "my-open-tasks",
        Title = "My open tasks",
        Description = "Your open tasks (assigned to you or leased by you), as JSON and as one line per task.",
    };

    private static readonly ResourceTemplate Task = new()
    {
        UriTemplate = ResourceUris.TaskTemplate,
        Name = "task",
        Title = "Task",
        Description = "One task in full (as GET /api/tasks/{id} gives it), as JSON and as text.",
    };

    public static IMcpServerBuilder WithTaskResources(this IMcpServerBuilder builder) => builder
        .WithListResourcesHandler((_, _) => ValueTask.FromResult(new ListResourcesResult { Resources = [Mine] }))
        .WithListResourceTemplatesHandler((_, _) => ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = [Task] }))
        .WithReadResourceHandler(ReadAsync)
        .WithSubscribeToResourcesHandler(SubscribeAsync)
        .WithUnsubscribeFromResourcesHandler(UnsubscribeAsync);

    private static async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken ct)
    {
        var uri = request.Params?.Uri ?? "";
        var sender = request.Services!.GetRequiredService<ISender>();
        try
        {
            if (ResourceUris.IsMine(uri))
                return new ReadResourceResult { Contents = await GetTasks.MineResource(sender, uri, ct) };
            if (ResourceUris.TaskId(uri) is { } id)
                return new ReadResourceResult { Contents = await GetTask.Resource(sender, id, uri, ct) };
        }
        catch (NotFoundException notFound)
        {
            throw Missing(notFound);
        }
        throw Unknown(uri);
    }

    private static async ValueTask<EmptyResult> SubscribeAsync(RequestContext<SubscribeRequestParams> request, CancellationToken ct)
    {
        var uri = request.Params?.Uri ?? "";
        if (string.IsNullOrEmpty(request.Server.SessionId))
            throw new McpProtocolException(
                "resources/subscribe needs a session: connect with initialize (protocol 2025-11-25 or earlier) and send its "
                + "Mcp-Session-Id, then subscribe. Without one, poll with wait_for_changes.", McpErrorCode.InvalidRequest);
        if (ResourceUris.TaskId(uri) is { } id)
        {
            try
            {
                await request.Services!.GetRequiredService<ISender>().Send(new GetTaskQuery(id), ct);
            }
            catch (NotFoundException notFound)
            {
                throw Missing(notFound);
            }
        }
        else if (!ResourceUris.IsMine(uri))
        {
            throw Unknown(uri);
        }

        var owner = HttpCurrentActor.UserIdOf(request.User!) ?? throw new InvalidOperationException("MCP requests are authenticated.");
        // The caller's own events, narrowed to what its key may see: the notifications must not tell what a read would hide.
        var visibility = (await request.Services!.GetRequiredService<ISender>().Send(new ResolveEventFilterQuery(null, null), ct)).Visibility;
        if (!request.Services!.GetRequiredService<ResourceSubscriptions>().Add(request.Server.SessionId, owner, visibility, uri))
            throw new McpProtocolException("The session has ended: initialize a new one and subscribe again.", McpErrorCode.InvalidRequest);
        return new EmptyResult();
    }

    private static ValueTask<EmptyResult> UnsubscribeAsync(RequestContext<UnsubscribeRequestParams> request, CancellationToken ct)
    {
        if (request.Server.SessionId is { Length: > 0 } session && request.Params?.Uri is { } uri)
            request.Services!.GetRequiredService<ResourceSubscriptions>().Remove(session, uri);
        return ValueTask.FromResult(new EmptyResult());
    }

    private static McpProtocolException Missing(NotFoundException notFound) =>
        new($"{notFound.Message} Find task ids with get_tasks or in {ResourceUris.Mine}.", McpErrorCode.ResourceNotFound);

    private static McpProtocolException Unknown(string uri) =>
        new($"There is no resource '{uri}'. The resources are {ResourceUris.Mine} and {ResourceUris.TaskTemplate} with a task id "
            + $"(e.g. {ResourceUris.Task(Guid.Empty)}); resources/templates/list describes them.", McpErrorCode.InvalidParams);
}
