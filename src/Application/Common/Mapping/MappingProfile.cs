using AutoMapper;
using TaskManager.Application.Repositories;
using TaskManager.Application.Tasks;
using TaskManager.Application.Users;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Users;

namespace TaskManager.Application.Common.Mapping;

/// <summary>
/// Maps of the flat read models. TaskItem → TaskDto is not here: it is the hot path and lives in
/// <see cref="TaskDtoProjection"/> as one hand-written expression (see docs/adr/0002).
/// </summary>
public sealed class MappingProfile : Profile
{
    public MappingProfile()
    {
        CreateMap<User, UserDto>()
            .ForCtorParam(nameof(UserDto.Active), o => o.MapFrom(s => s.DeactivatedAt == null));
        CreateMap<CodeRepository, RepositoryDto>();
        CreateMap<TaskComment, CommentDto>()
            .ForCtorParam(nameof(CommentDto.Actor), o => o.MapFrom(s => new ActorDto(s.AuthorUserId, s.AuthorApiKeyName)));
        CreateMap<TaskHistoryEntry, HistoryEntryDto>()
            .ForMember(d => d.Actor, o => o.MapFrom(s => new ActorDto(s.ActorUserId, s.ActorApiKeyName)));
    }
}
