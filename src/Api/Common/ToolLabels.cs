namespace TaskManager.Api.Common;

/// <summary>The display labels tools record as author when the agent gives none (its key's owner is recorded as the actor anyway).</summary>
public static class ToolLabels
{
    public const string Default = "ai-agent";
}
