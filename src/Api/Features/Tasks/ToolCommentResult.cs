using System.ComponentModel;
using TaskManager.Application.Tasks;

namespace TaskManager.Api.Features.Tasks;

[Description("The comment that was added and the task it belongs to.")]
public sealed record ToolCommentResult(
    [property: Description("The new comment.")] CommentDto Comment,
    [property: Description("The task after the comment.")] ToolTask Task);
