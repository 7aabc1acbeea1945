namespace TaskManager.Application.Common.Interfaces;

/// <summary>
/// Marks a request an API key may not send, only a person signed in (a JWT) or the operator: minting and revoking keys.
/// A key that could mint keys would outlive its own expiry and shed its scopes through the key it made.
/// </summary>
public interface IRequireSignedInPerson;
