using TaskManager.Application.Common.Events;

namespace TaskManager.Application.Common.Interfaces;

/// <summary>
/// Something in this process that depends on the directory (a cache of users, open streams of a user) and must follow
/// its changes. Register it as a singleton <see cref="IDirectoryChangeListener"/>; <see cref="DirectoryChanges"/> calls it.
/// Calls come from one thread at a time, must be quick and must not throw; a change may be heard twice.
/// </summary>
public interface IDirectoryChangeListener
{
    void OnChanged(DirectoryChange change);

    /// <summary>Changes may have been missed (the event log was lost): forget everything cached about the directory.</summary>
    void OnChangesMissed();
}
