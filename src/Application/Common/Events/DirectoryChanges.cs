using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Common.Events;

/// <summary>
/// The one place a directory change reaches this process's listeners. Two paths call it: the live-update reader, for
/// every directory event in the log (so every instance hears of every change), and the handler that made the change,
/// right after its commit (so the instance that answered the administrator refuses the person before it replies).
/// </summary>
/// <remarks>
/// Listeners are resolved on first use, not injected: the live-update reader is both a listener (it ends streams)
/// and a caller, and constructor injection would make that a cycle.
/// </remarks>
public sealed class DirectoryChanges(IServiceProvider services)
{
    private readonly Lock _gate = new();
    private IDirectoryChangeListener[]? _listeners;

    private IDirectoryChangeListener[] Listeners => _listeners ??= [.. services.GetServices<IDirectoryChangeListener>()];

    public void Publish(DirectoryChange change)
    {
        lock (_gate)
        {
            foreach (var listener in Listeners)
                listener.OnChanged(change);
        }
    }

    public void PublishMissed()
    {
        lock (_gate)
        {
            foreach (var listener in Listeners)
                listener.OnChangesMissed();
        }
    }
}
