using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TaskManager.Bench;

/// <summary>
/// HTTP/1.1 over one SocketsHttpHandler with a bounded, reused connection pool (like wrk's -c), and HS256 tokens
/// minted with the server's JWT_SECRET exactly as the contract describes them (user_id, exp, optional role).
/// </summary>
public sealed class BenchClient : IDisposable
{
    private readonly string _secret;

    public BenchClient(string baseUrl, string jwtSecret, int connections)
    {
        _secret = jwtSecret;
        BaseUrl = baseUrl.TrimEnd('/');
        Http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    public string Token(Guid userId, bool admin = false)
    {
        static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = Encode(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var claims = new Dictionary<string, object> { ["user_id"] = userId.ToString(), ["exp"] = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds() };
        if (admin)
            claims["role"] = "admin";
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    /// <summary>A request with a JSON body, signed in as the holder of <paramref name="token"/>.</summary>
    public static HttpRequestMessage JsonRequest(HttpMethod method, string url, string token, string json)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Sends and reads the whole body into a pooled buffer; true when the status is the expected one.</summary>
    public async Task<bool> SendAsync(HttpRequestMessage request, HttpStatusCode expected)
    {
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await DrainAsync(response);
        if (response.StatusCode == expected)
            return true;
        ErrorLog.Add($"HTTP {(int)response.StatusCode} for {request.Method} {request.RequestUri?.AbsolutePath}");
        return false;
    }

    /// <summary>Sends and returns status and body text (for checks outside the timed loops).</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendForTextAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task DrainAsync(HttpResponseMessage response)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            while (await body.ReadAsync(buffer) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => Http.Dispose();
}
