using System.ComponentModel;
using TaskManager.Application.Tasks;

namespace TaskManager.Api.Features.Tasks;

/// <summary>The comment that was added and the task after it.</summary>
[Description("The comment that was added and the task it belongs to.")]
public sealed record ToolCommentResult(CommentDto Comment, ToolTask Task);
