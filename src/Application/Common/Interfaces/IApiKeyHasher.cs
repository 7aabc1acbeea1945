namespace TaskManager.Application.Common.Interfaces;

/// <summary>Turns an API key into the digest that is stored and looked up; the plaintext is never kept.</summary>
public interface IApiKeyHasher
{
    byte[] Digest(string key);
}
