namespace TaskManager.Application.Tasks;

/// <param name="Author">The label shown (an agent may call itself anything).</param>
/// <param name="Actor">Who really wrote it; its <c>api_key_name</c> is null for comments written before keys were recorded.</param>
public sealed record CommentDto(Guid Id, Guid TaskId, string Comment, string Author, ActorDto Actor, DateTimeOffset CreatedAt);
