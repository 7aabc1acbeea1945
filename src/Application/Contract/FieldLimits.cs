using TaskManager.Application.Common.Idempotency;
using TaskManager.Domain.ApiKeys;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Users;

namespace TaskManager.Application.Contract;

/// <summary>
/// The length limits every adapter publishes (MCP input schemas, the OpenAPI document, docs) and the validators
/// enforce. The entities own the numbers; this is where the wire reads them, so no adapter repeats a literal.
/// </summary>
public static class FieldLimits
{
    public const int TaskTitle = TaskItem.TitleMaxLength;
    public const int TaskDescription = TaskItem.DescriptionMaxLength;
    public const int Label = TaskItem.LabelMaxLength;
    public const int Comment = TaskComment.MaxLength;
    public const int UserEmail = User.EmailMaxLength;
    public const int UserName = User.NameMaxLength;
    public const int RepositoryName = CodeRepository.NameMaxLength;
    public const int RepositoryUrl = CodeRepository.UrlMaxLength;
    public const int UserReference = 255;
    public const int ApiKeyName = ApiKey.NameMaxLength;

    /// <summary>How many repositories one API key can be limited to.</summary>
    public const int ApiKeyRepositories = ApiKey.MaxRepositories;
    public const int IdempotencyKey = IdempotencyRecord.KeyMaxLength;
    public const int SearchText = 200;

    /// <summary>One evidence link of a completion (a commit, pull request or build URL).</summary>
    public const int EvidenceLink = 500;
}
