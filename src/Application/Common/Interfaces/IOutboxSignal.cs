namespace TaskManager.Application.Common.Interfaces;

/// <summary>Rung after a commit that wrote outbox rows, so the relay publishes at once instead of at its next poll.</summary>
public interface IOutboxSignal
{
    void Notify();
}
