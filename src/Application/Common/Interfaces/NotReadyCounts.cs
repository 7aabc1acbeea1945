namespace TaskManager.Application.Common.Interfaces;

/// <summary>Why nothing in a scope can be claimed: how many waiting tasks wait for blockers, belong to others, or are leased.</summary>
public sealed record NotReadyCounts(int Blocked, int AssignedToOthers, int Leased);
