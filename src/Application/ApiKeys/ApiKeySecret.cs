using System.Security.Cryptography;

namespace TaskManager.Application.ApiKeys;

/// <summary>
/// The shape of a key: <c>tm_</c> and 40 random base62 characters (~238 bits), so a leaked key is recognisable
/// in logs and secret scanners, and guessing one is hopeless.
/// </summary>
public static class ApiKeySecret
{
    public const string Marker = "tm_";
    public const int RandomLength = 40;
    public const int PrefixLength = 8;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate() => Marker + RandomNumberGenerator.GetString(Alphabet, RandomLength);

    /// <summary>What is stored and shown to tell keys apart: the marker and the first random characters.</summary>
    public static string PrefixOf(string key) => key[..Math.Min(PrefixLength, key.Length)];
}
