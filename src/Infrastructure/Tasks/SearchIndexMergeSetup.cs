using Microsoft.Extensions.DependencyInjection;

namespace TaskManager.Infrastructure.Tasks;

public static class SearchIndexMergeSetup
{
    /// <summary>The background merge of the search indexes' pending entries; only processes that serve run it (not the CLI verbs).</summary>
    public static IServiceCollection AddSearchIndexMerge(this IServiceCollection services) =>
        services.AddHostedService<SearchIndexMerge>();
}
