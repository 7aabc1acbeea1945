namespace TaskManager.Application.Common.Interfaces;

/// <summary>Marks a request that only administrators may send; enforced by the authorization behaviour for every adapter.</summary>
public interface IRequireAdmin;
