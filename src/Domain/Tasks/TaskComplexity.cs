namespace TaskManager.Domain.Tasks;

public enum TaskComplexity
{
    Low,
    Medium,
    High,
}
