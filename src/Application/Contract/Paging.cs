namespace TaskManager.Application.Contract;

/// <summary>Page sizes of every list (docs/contract.md, "JSON shape"): REST's default, the agents' smaller default, the cap.</summary>
public static class Paging
{
    public const int DefaultLimit = 100;

    /// <summary>MCP lists default to fewer rows: every row costs an agent context.</summary>
    public const int AgentDefaultLimit = 50;

    public const int MaxLimit = 500;
}
